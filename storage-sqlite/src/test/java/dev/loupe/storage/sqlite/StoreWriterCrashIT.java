package dev.loupe.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.loupe.drop.Drops;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.storage.RetentionPolicy;
import dev.loupe.storage.StoredOnce;
import dev.loupe.storage.TestPipelines;
import dev.loupe.storage.writer.StoreWriter;
import dev.loupe.storage.writer.StoreWriterConfig;
import dev.loupe.time.Clock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM runs a pipeline and a store writer into SQLite while events flow, and is killed with
 * SIGKILL in the middle of it; the test then restarts the pipeline and a store writer over the same
 * files and, once caught up, finds every acknowledged event stored exactly once (and every session
 * counting each event once). Twice over the same files, so that the second crash also recovers a
 * recovered store.
 */
class StoreWriterCrashIT {
  @TempDir Path dir;

  @Test
  void everyAcknowledgedEventIsStoredExactlyOnceAfterKillNine() throws Exception {
    BitSet acknowledged = new BitSet();
    crashOnce(acknowledged, 15_000);
    recoverAndVerify(acknowledged);
    crashOnce(acknowledged, 30_000);
    recoverAndVerify(acknowledged);
  }

  private void crashOnce(BitSet acknowledged, int atLeast) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        CrashStoreWriter.class.getName(), dir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    AtomicLong count = new AtomicLong();
    Thread collector = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.US_ASCII))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith("ACK ")) {
            String[] f = line.split(" ");
            long first = Long.parseLong(f[1]);
            long last = Long.parseLong(f[2]);
            synchronized (acknowledged) {
              acknowledged.set((int) first, (int) last + 1);
            }
            count.addAndGet(last - first + 1);
          }
        }
      } catch (Exception ignored) {
        // the child was killed mid-line
      }
    });
    collector.start();
    await().atMost(Duration.ofSeconds(90)).until(() -> count.get() >= atLeast);
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    collector.join();
  }

  private void recoverAndVerify(BitSet acknowledged) throws Exception {
    try (Pipeline p = TestPipelines.open(TestPipelines.config(dir.resolve("log")), Clock.system());
         SqliteStorage s = SqliteStorage.open(dir.resolve("loupe.db"), 2, RetentionPolicy.defaults())) {
      long before = s.checkpoints().load(StoreWriter.CONSUMER);
      assertThat(before).as("the child stored some events before it died").isPositive();
      try (StoreWriter w = StoreWriter.start(p, s, null, new Drops(), StoreWriterConfig.defaults())) {
        await().atMost(Duration.ofSeconds(90)).until(() -> w.lag() == 0);
      }
      StoredOnce.assertAll(s, p.lastSeq());
      BitSet missing;
      synchronized (acknowledged) {
        missing = (BitSet) acknowledged.clone();
      }
      missing.andNot(StoredOnce.seqs(s));
      assertThat(missing.isEmpty()).as("acknowledged but not stored: %s", missing).isTrue();
    }
  }
}
