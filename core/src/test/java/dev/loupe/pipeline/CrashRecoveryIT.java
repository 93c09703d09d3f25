package dev.loupe.pipeline;

import static dev.loupe.pipeline.PipelineFixture.gaps;
import static dev.loupe.pipeline.PipelineFixture.readAll;
import static dev.loupe.pipeline.PipelineFixture.seqs;
import static dev.loupe.testing.SampleEvents.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.loupe.time.Clock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM appends under load in durable mode and is killed with SIGKILL; after restart every
 * acknowledged seq is present exactly once and the sequence continues. Done twice over the same
 * log, so that the second crash also exercises recovery of a recovered log.
 */
class CrashRecoveryIT {
  @TempDir Path dir;

  @Test
  void everyAcknowledgedEventSurvivesKillNine() throws Exception {
    BitSet acknowledged = new BitSet();
    crashOnce(acknowledged, 20_000);
    verify(acknowledged);
    crashOnce(acknowledged, 40_000);
    long last = verify(acknowledged);

    try (Pipeline p = Pipeline.open(PipelineFixture.config(dir), Clock.system())) {
      AppendResult next = p.append("default", batch(0, 1), AckMode.DURABLE).get(5, TimeUnit.SECONDS);
      assertThat(next.firstSeq()).isEqualTo(last + 1);
    }
  }

  private void crashOnce(BitSet acknowledged, int atLeast) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        CrashWriter.class.getName(), dir.toString())
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
            long lastSeq = Long.parseLong(f[2]);
            synchronized (acknowledged) {
              acknowledged.set((int) first, (int) lastSeq + 1);
            }
            count.addAndGet(lastSeq - first + 1);
          }
        }
      } catch (Exception ignored) {
        // the child was killed mid-line
      }
    });
    collector.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> count.get() >= atLeast);
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    collector.join();
  }

  private long verify(BitSet acknowledged) throws Exception {
    try (Pipeline p = Pipeline.open(PipelineFixture.config(dir), Clock.system())) {
      List<ReadResult> all = readAll(p, 0);
      assertThat(gaps(all)).isEmpty();
      List<Long> seqs = seqs(all);
      BitSet present = new BitSet();
      for (long s : seqs) {
        assertThat(present.get((int) s)).as("seq %d present once", s).isFalse();
        present.set((int) s);
      }
      BitSet missing;
      synchronized (acknowledged) {
        missing = (BitSet) acknowledged.clone();
      }
      missing.andNot(present);
      assertThat(missing.isEmpty()).as("acknowledged but missing: %s", missing).isTrue();
      assertThat(seqs).isNotEmpty();
      assertThat(seqs.get(seqs.size() - 1)).isEqualTo(p.lastSeq());
      return p.lastSeq();
    }
  }
}
