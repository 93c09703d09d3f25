package dev.loupe.storage.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.loupe.blob.BlobStore;
import dev.loupe.buffer.CategoryBuffers;
import dev.loupe.drop.Drops;
import dev.loupe.event.Envelope;
import dev.loupe.storage.RetentionPolicy;
import dev.loupe.storage.TestEnvelopes;
import dev.loupe.storage.WriteBatch;
import dev.loupe.storage.memory.MemoryStorage;
import dev.loupe.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionJobTest {
  @TempDir Path dir;
  final ManualClock clock = new ManualClock(System.currentTimeMillis() * 1000);
  final MemoryStorage storage = new MemoryStorage(CategoryBuffers.withDefaults(clock, new Drops()),
      RetentionPolicy.defaults(), 100, null, clock);

  @Test
  void agesOutScreenshotsAndTheirBlobsByTheInjectedClock() throws Exception {
    BlobStore blobs = new BlobStore(dir);
    byte[] bytes = {1, 2, 3};
    String hash = blobs.put(bytes);
    Envelope shot = new TestEnvelopes(clock).screenshot(clock.epochMicros(), "s1", bytes);
    storage.write(new WriteBatch("store", List.of(shot), Map.of(shot.seq(), bytes), shot.seq()));
    RetentionJob job = new RetentionJob(storage, blobs, RetentionPolicy.defaults(), clock);

    assertThat(job.runOnce().screenshots()).isZero();
    assertThat(blobs.get(hash)).isPresent();

    clock.advance(Duration.ofDays(8));
    assertThat(job.runOnce().screenshots()).isEqualTo(1);
    assertThat(blobs.get(hash)).isEmpty();
    assertThat(storage.screenshots().image(shot.seq())).isEmpty();
  }

  @Test
  void runsOnItsSchedule() {
    try (RetentionJob job = new RetentionJob(storage, null, RetentionPolicy.defaults(), clock)
        .schedule(Duration.ofMillis(10))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> job.lastResult() != null);
      assertThat(job.lastError()).isNull();
    }
  }
}
