package dev.loupe.pipeline;

import dev.loupe.bench.Percentiles;
import dev.loupe.bench.TempDirs;
import dev.loupe.event.EncodedEvent;
import dev.loupe.testing.SampleEvents;
import dev.loupe.time.Clock;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Many readers following a producer that appends at a fixed rate: do they keep up? Reports the
 * rate achieved, how far behind the head readers were (sampled every 10 ms), and the delay from
 * an event's receive time to each reader seeing it.
 */
public final class ReaderFanout {
  private ReaderFanout() {}

  public static void run(int readers, int eventsPerSecond, Duration duration, PrintStream out) throws Exception {
    Path dir = TempDirs.create("loupe-fanout-bench");
    try (Pipeline pipeline = Pipeline.open(PipelineConfig.defaults(LogConfig.defaults(dir)
        .withRetention(Duration.ofDays(1), 2L << 30)).withMinFreeBytes(0), Clock.system())) {
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLongArray position = new AtomicLongArray(readers);
      List<long[]> delays = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (int r = 0; r < readers; r++) {
        int id = r;
        long[] delaySamples = new long[200_000];
        delays.add(delaySamples);
        Thread t = new Thread(() -> follow(pipeline, id, position, delaySamples, running), "reader-" + r);
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
      List<EncodedEvent> batch = SampleEvents.batch(0, 50);
      long batchesPerSecond = Math.max(1, eventsPerSecond / 50);
      long intervalNanos = 1_000_000_000L / batchesPerSecond;
      long start = System.nanoTime();
      long end = start + duration.toNanos();
      long next = start;
      List<Long> lagSamples = new ArrayList<>();
      long nextSample = start;
      List<CompletableFuture<AppendResult>> inFlight = new ArrayList<>();
      long appended = 0;
      while (System.nanoTime() < end) {
        long now = System.nanoTime();
        if (now >= next) {
          inFlight.add(pipeline.append("default", batch, AckMode.DURABLE));
          appended += 50;
          next += intervalNanos;
        } else if (now >= nextSample) {
          long head = pipeline.lastSeq();
          for (int r = 0; r < readers; r++) {
            lagSamples.add(Math.max(0, head - position.get(r)));
          }
          nextSample = now + 10_000_000L;
        } else {
          LockSupport.parkNanos(Math.min(next - now, 200_000));
        }
        inFlight.removeIf(CompletableFuture::isDone);
      }
      CompletableFuture.allOf(inFlight.toArray(new CompletableFuture[0])).join();
      double seconds = (System.nanoTime() - start) / 1e9;
      long head = pipeline.lastSeq();
      long caughtUpBy = System.nanoTime();
      for (int r = 0; r < readers; r++) {
        while (position.get(r) < head) {
          LockSupport.parkNanos(100_000);
        }
      }
      double catchUpMs = (System.nanoTime() - caughtUpBy) / 1e6;
      running.set(false);
      long[] allDelays = delays.stream().flatMapToLong(java.util.Arrays::stream).filter(d -> d > 0).toArray();
      out.printf("readers %d, target %,d events/s, achieved %,.0f events/s over %.1f s (%,d events)%n", readers,
          eventsPerSecond, appended / seconds, seconds, appended);
      out.printf("lag behind head (events): p50 %,d  p99 %,d  max %,d%n", Percentiles.of(lagSamples, 50),
          Percentiles.of(lagSamples, 99), lagSamples.stream().mapToLong(Long::longValue).max().orElse(0));
      out.printf("receive -> read delay (ms, sampled): p50 %.2f  p99 %.2f  p999 %.2f%n",
          Percentiles.of(allDelays, 50) / 1000.0, Percentiles.of(allDelays, 99) / 1000.0,
          Percentiles.of(allDelays, 99.9) / 1000.0);
      out.printf("all readers at the head %.1f ms after the last append%n", catchUpMs);
    } finally {
      TempDirs.delete(dir);
    }
  }

  private static void follow(Pipeline pipeline, int id, AtomicLongArray position, long[] delays,
      AtomicBoolean running) {
    int sampled = 0;
    long count = 0;
    try (Reader reader = pipeline.reader(0)) {
      List<ReadResult> batch = new ArrayList<>(256);
      while (running.get()) {
        batch.clear();
        if (reader.drainTo(batch, 256, Duration.ofMillis(50)) == 0) {
          continue;
        }
        long nowMicros = Clock.system().epochMicros();
        for (ReadResult r : batch) {
          if (r instanceof ReadResult.Delivered d && (++count & 63) == 0 && sampled < delays.length) {
            delays[sampled++] = nowMicros - d.envelope().receivedAt();
          }
        }
        position.set(id, reader.position());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
