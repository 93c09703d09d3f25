package dev.loupe.storage.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.loupe.buffer.CategoryBuffers;
import dev.loupe.drop.DropReason;
import dev.loupe.drop.Drops;
import dev.loupe.event.Envelope;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.storage.EventFilter;
import dev.loupe.storage.RetentionPolicy;
import dev.loupe.storage.TestPipelines;
import dev.loupe.storage.memory.MemoryStorage;
import dev.loupe.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import dev.loupe.storage.EventWriter;
import dev.loupe.storage.ForwardingStorage;
import dev.loupe.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store writer over the memory backend: gaps, and the refill from the log tail on start. */
class StoreWriterMemoryTest {
  @TempDir Path dir;
  final ManualClock clock = ManualClock.atDefaultInstant();
  final Drops drops = new Drops();

  MemoryStorage memory(Pipeline p) {
    return new MemoryStorage(CategoryBuffers.withDefaults(clock, drops), RetentionPolicy.defaults(), 1000, p, clock);
  }

  @Test
  void gapsAreCountedAsDropsAndTheWriterMovesPastThem() throws Exception {
    try (Pipeline p = TestPipelines.open(TestPipelines.smallSegments(dir, 64 * 1024), clock)) {
      for (int i = 0; i < 20; i++) {
        TestPipelines.append(p, dev.loupe.testing.SampleEvents.batch(i * 10, 10));
      }
      p.applyRetention();
      long oldest = p.stats().oldestSeq();
      assertThat(oldest).isGreaterThan(1);
      MemoryStorage storage = memory(null);
      try (StoreWriter w = StoreWriter.start(p, storage, null, drops, StoreWriterConfig.defaults())) {
        await().atMost(Duration.ofSeconds(30)).until(() -> w.lag() == 0);
        assertThat(drops.count(DropReason.RETENTION)).isEqualTo(oldest - 1);
        assertThat(storage.load(StoreWriter.CONSUMER)).isEqualTo(200);
        List<Envelope> stored = storage.events().list(EventFilter.builder().limit(10_000).build()).data();
        assertThat(stored).extracting(Envelope::seq).first().isEqualTo(oldest);
        assertThat(stored).hasSize((int) (200 - oldest + 1));
      }
    }
  }

  @Test
  void aWriteThatFailsWithAnErrorIsRetriedAndTheWriterCarriesOn() throws Exception {
    try (Pipeline p = TestPipelines.open(TestPipelines.smallSegments(dir, Long.MAX_VALUE), clock)) {
      TestPipelines.appendConsole(p, 0, 5);
      MemoryStorage memory = memory(null);
      AtomicInteger failuresLeft = new AtomicInteger(2);
      // What PgJDBC throws when a connection breaks mid-batch and assertions are enabled.
      EventWriter failingTwice = batch -> {
        if (failuresLeft.getAndDecrement() > 0) {
          throw new AssertionError("pgStatement.getConnection().getAutoCommit() should not throw");
        }
        return memory.write(batch);
      };
      Storage storage = new ForwardingStorage(memory) {
        @Override
        public EventWriter writer() {
          return failingTwice;
        }
      };
      StoreWriterConfig config = StoreWriterConfig.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));
      try (StoreWriter w = StoreWriter.start(p, storage, null, drops, config)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> w.lag() == 0);
        assertThat(w.state()).isEqualTo(StoreWriter.State.RUNNING);
        assertThat(w.lastError()).isInstanceOf(AssertionError.class);
        TestPipelines.appendConsole(p, 100, 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> w.lag() == 0);
      }
      assertThat(memory.events().list(EventFilter.builder().limit(10_000).build()).data())
          .extracting(Envelope::seq).containsExactlyElementsOf(
              java.util.stream.LongStream.rangeClosed(1, p.lastSeq()).boxed().toList());
    }
  }

  @Test
  void memoryRefillsFromTheLogTailWithinTheLongestBufferTtl() throws Exception {
    try (Pipeline p = TestPipelines.open(TestPipelines.smallSegments(dir, Long.MAX_VALUE), clock)) {
      TestPipelines.appendConsole(p, 0, 4);
      clock.advance(Duration.ofHours(1));
      long before = p.lastSeq();
      TestPipelines.appendConsole(p, 1000, 2);
      MemoryStorage storage = memory(p);
      long start = storage.load(StoreWriter.CONSUMER);
      assertThat(start).isGreaterThan(0).isLessThanOrEqualTo(before);
      try (StoreWriter w = StoreWriter.start(p, storage, null, drops, StoreWriterConfig.defaults())) {
        await().atMost(Duration.ofSeconds(30)).until(() -> w.lag() == 0);
      }
      List<Envelope> stored = storage.events().list(EventFilter.builder().limit(10_000).build()).data();
      assertThat(stored).extracting(Envelope::seq).contains(before + 1, p.lastSeq())
          .allMatch(seq -> seq > start).doesNotContain(1L);
    }
  }
}
