package dev.loupe.pipeline;

import static dev.loupe.pipeline.PipelineFixture.open;
import static dev.loupe.testing.SampleEvents.batch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many producers and readers at once, with tiny segments and a tiny ring so that readers keep
 * falling out of memory into the log and back, segments roll constantly and (in one variant)
 * retention deletes segments under the readers' feet. Every reader must see strictly consecutive
 * seqs, with any hole reported as a gap; every acknowledged seq must be unique.
 */
class PipelineConcurrencyTest {
  static final int PRODUCERS = 6;
  static final int BATCHES_PER_PRODUCER = 250;
  static final int READERS = 6;

  @TempDir Path dir;

  PipelineConfig stressConfig(long retentionBytes) {
    PipelineConfig c = PipelineFixture.config(dir);
    return new PipelineConfig(
        c.log().withSegmentBytes(32 * 1024).withRetention(Duration.ofDays(1), retentionBytes),
        Duration.ofMillis(1), 8L << 20, 64 * 1024, 0, 128, 1 << 20, Duration.ofHours(1));
  }

  @Test
  void everyReaderSeesEverySeqOnceInOrderWhileProducersRace() throws Exception {
    List<ReaderReport> reports = run(stressConfig(Long.MAX_VALUE), false);
    for (ReaderReport r : reports) {
      assertThat(r.errors).as("reader %d", r.id).isEmpty();
      assertThat(r.gapped).as("no gaps without retention").isZero();
      assertThat(r.delivered).isEqualTo(r.finalSeq);
    }
  }

  @Test
  void readersReportEveryEventRetentionTookAndNothingElseGoesMissing() throws Exception {
    List<ReaderReport> reports = run(stressConfig(96 * 1024), true);
    for (ReaderReport r : reports) {
      assertThat(r.errors).as("reader %d", r.id).isEmpty();
      assertThat(r.delivered + r.gapped).isEqualTo(r.finalSeq);
    }
  }

  static final class ReaderReport {
    final int id;
    final List<String> errors = new ArrayList<>();
    long delivered;
    long gapped;
    long finalSeq;

    ReaderReport(int id) {
      this.id = id;
    }
  }

  private List<ReaderReport> run(PipelineConfig config, boolean retention) throws Exception {
    AtomicBoolean producing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<AppendResult> acked = new ConcurrentLinkedQueue<>();
    List<ReaderReport> reports = new ArrayList<>();
    try (Pipeline p = open(config, Clock.system())) {
      List<Thread> threads = new ArrayList<>();
      for (int r = 0; r < READERS; r++) {
        ReaderReport report = new ReaderReport(r);
        reports.add(report);
        boolean slow = r % 2 == 1;
        threads.add(new Thread(() -> read(p, report, producing, slow), "reader-" + r));
      }
      List<Thread> producers = new ArrayList<>();
      for (int i = 0; i < PRODUCERS; i++) {
        producers.add(new Thread(() -> produce(p, acked), "producer-" + i));
      }
      Thread retainer = new Thread(() -> {
        while (producing.get()) {
          try {
            p.applyRetention();
          } catch (Exception e) {
            throw new AssertionError(e);
          }
          Thread.onSpinWait();
        }
      }, "retention");
      threads.forEach(Thread::start);
      producers.forEach(Thread::start);
      if (retention) {
        retainer.start();
      }
      for (Thread t : producers) {
        t.join();
      }
      // Buffered acks come before their fsync: wait until everything acknowledged is readable.
      long finalSeq = acked.stream().mapToLong(AppendResult::lastSeq).max().orElse(0);
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> p.lastSeq() >= finalSeq);
      for (ReaderReport r : reports) {
        r.finalSeq = finalSeq;
      }
      producing.set(false);
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(t.isAlive()).as(t.getName() + " finished").isFalse();
      }
      if (retention) {
        retainer.join();
      }

      BitSet seen = new BitSet();
      long total = 0;
      for (AppendResult a : acked) {
        for (long s = a.firstSeq(); s <= a.lastSeq(); s++) {
          assertThat(seen.get((int) s)).as("seq %d acknowledged twice", s).isFalse();
          seen.set((int) s);
        }
        total += a.count();
      }
      assertThat(total).isEqualTo(finalSeq);
      assertThat(seen.nextClearBit(1)).isEqualTo((int) finalSeq + 1);
    }
    return reports;
  }

  private static void produce(Pipeline p, ConcurrentLinkedQueue<AppendResult> acked) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    List<CompletableFuture<AppendResult>> inFlight = new ArrayList<>();
    for (int b = 0; b < BATCHES_PER_PRODUCER; b++) {
      AckMode mode = random.nextBoolean() ? AckMode.DURABLE : AckMode.BUFFERED;
      inFlight.add(p.append("default", batch(b, 1 + random.nextInt(20)), mode));
      if (inFlight.size() >= 4) {
        acked.add(inFlight.remove(0).join());
      }
    }
    inFlight.forEach(f -> acked.add(f.join()));
  }

  private static void read(Pipeline p, ReaderReport report, AtomicBoolean producing, boolean slow) {
    long expected = 1;
    try (Reader reader = p.reader(0)) {
      while (true) {
        if (!producing.get() && expected > report.finalSeq && report.finalSeq > 0) {
          return;
        }
        ReadResult r = reader.next(Duration.ofMillis(20));
        if (r == null) {
          continue;
        }
        if (r instanceof Gap g) {
          if (g.from() != expected || g.to() < g.from() || g.reason() != Gap.Reason.RETENTION) {
            report.errors.add("bad gap " + g + " at " + expected);
            return;
          }
          report.gapped += g.count();
          expected = g.to() + 1;
        } else {
          long seq = r.envelopeOrNull().seq();
          if (seq != expected) {
            report.errors.add("got " + seq + " expecting " + expected);
            return;
          }
          report.delivered++;
          expected++;
        }
        if (slow && ThreadLocalRandom.current().nextInt(50) == 0) {
          Thread.yield();
          LockSupportPause.pause();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      report.errors.add("interrupted");
    } catch (RuntimeException e) {
      report.errors.add(e.toString());
    }
  }

  /** Lets a slow reader fall behind without sleeping a test-visible amount of time. */
  static final class LockSupportPause {
    static void pause() {
      java.util.concurrent.locks.LockSupport.parkNanos(200_000);
    }
  }
}
