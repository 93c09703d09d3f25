package dev.loupe.bench;

import dev.loupe.event.Event;
import dev.loupe.event.EventCodec;
import dev.loupe.testing.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The ingest load generator: N connections posting batches of realistic events to a running
 * server for a bounded time, reporting events/s, latency percentiles and errors.
 *
 * <p>Without a target rate every connection posts as fast as it is answered (throughput). With a
 * rate, requests are scheduled at fixed intervals and latency is measured from when each request
 * was due, not when it was sent, so a stalled server cannot hide its stall (no coordinated omission).
 * With batch ids, every request is {@code {"batch": "<unique>", "events": […]}}, as the SDK sends
 * them, so that the server remembers and journals each one.
 */
public final class IngestLoad {
  /** What to send and for how long. */
  public record Options(URI url, String key, int connections, int batchSize, Duration duration, Duration warmup,
      long eventsPerSecond, String kind, boolean batchIds) {}

  private IngestLoad() {}

  public static void run(Options o, PrintStream out) throws Exception {
    List<byte[]> bodies = bodies(o.kind(), o.batchSize(), 64);
    out.printf("ingest load: %s, %d connections, %d %s events per request (~%d B/event), %s%s%s%n", o.url(),
        o.connections(), o.batchSize(), o.kind(), bodies.get(0).length / o.batchSize(), o.duration(),
        o.eventsPerSecond() > 0 ? ", target " + o.eventsPerSecond() + " events/s" : ", as fast as answered",
        o.batchIds() ? ", a batch id on each" : "");
    long warmupEnd = System.nanoTime() + o.warmup().toNanos();
    long end = warmupEnd + o.duration().toNanos();
    LongAdder events = new LongAdder();
    LongAdder requests = new LongAdder();
    Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    List<long[]> latencies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    AtomicLong measuredStart = new AtomicLong();
    long perConnectionInterval = o.eventsPerSecond() > 0
        ? (long) (1e9 * o.batchSize() * o.connections() / o.eventsPerSecond()) : 0;
    for (int c = 0; c < o.connections(); c++) {
      long[] samples = new long[4_000_000];
      latencies.add(samples);
      int id = c;
      Thread t = new Thread(() -> {
        int recorded = 0;
        int n = id;
        long due = System.nanoTime() + (perConnectionInterval * id / Math.max(1, o.connections()));
        try (HttpConnection conn = new HttpConnection(o.url(), o.key())) {
          while (true) {
            long now = System.nanoTime();
            if (now >= end) {
              break;
            }
            if (perConnectionInterval > 0) {
              if (now < due) {
                LockSupport.parkNanos(due - now);
              }
            } else {
              due = now;
            }
            byte[] array = bodies.get(n++ % bodies.size());
            int status = conn.post(o.batchIds() ? withBatchId("load-" + id + "-" + n, array) : array);
            long done = System.nanoTime();
            if (done >= warmupEnd && due >= warmupEnd) {
              if (status == 202) {
                events.add(o.batchSize());
              } else {
                errors.computeIfAbsent("HTTP " + status, k -> new LongAdder()).increment();
              }
              requests.increment();
              if (recorded < samples.length) {
                samples[recorded++] = done - due;
              }
            }
            due += perConnectionInterval;
          }
        } catch (Exception e) {
          errors.computeIfAbsent(e.getClass().getSimpleName() + ": " + e.getMessage(), k -> new LongAdder())
              .increment();
        }
        samples[samples.length - 1] = recorded;
      }, "load-" + c);
      threads.add(t);
      t.start();
    }
    measuredStart.set(warmupEnd);
    for (Thread t : threads) {
      t.join();
    }
    double seconds = o.duration().toNanos() / 1e9;
    List<Long> all = new ArrayList<>();
    for (long[] s : latencies) {
      int recorded = (int) s[s.length - 1];
      for (int i = 0; i < recorded; i++) {
        all.add(s[i]);
      }
    }
    long[] sorted = all.stream().mapToLong(Long::longValue).toArray();
    out.printf("events/s %,.0f   requests/s %,.0f   (%,d events in %.1f s after %s warm-up)%n", events.sum() / seconds,
        requests.sum() / seconds, events.sum(), seconds, o.warmup());
    out.printf("latency ms: p50 %.2f   p99 %.2f   p999 %.2f   max %.2f%n", Percentiles.of(sorted, 50) / 1e6,
        Percentiles.of(sorted, 99) / 1e6, Percentiles.of(sorted, 99.9) / 1e6, Percentiles.of(sorted, 100) / 1e6);
    Map<String, Long> errorCounts = new TreeMap<>();
    errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
    out.println("errors: " + (errorCounts.isEmpty() ? "none" : errorCounts));
  }

  /** {@code {"batch": "<id>", "events": <array>}}. */
  static byte[] withBatchId(String id, byte[] array) {
    byte[] head = ("{\"batch\":\"" + id + "\",\"events\":").getBytes(StandardCharsets.US_ASCII);
    byte[] body = Arrays.copyOf(head, head.length + array.length + 1);
    System.arraycopy(array, 0, body, head.length, array.length);
    body[body.length - 1] = '}';
    return body;
  }

  /** Distinct request bodies (a JSON array of events each) from 200 sessions. */
  static List<byte[]> bodies(String kind, int batchSize, int variants) {
    List<byte[]> out = new ArrayList<>();
    int i = 0;
    for (int v = 0; v < variants; v++) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.write('[');
      for (int e = 0; e < batchSize; e++, i++) {
        if (e > 0) {
          body.write(',');
        }
        String session = "session-" + (i % 200);
        boolean network = kind.equals("network") || (kind.equals("mixed") && e % 3 == 0);
        Event event = network ? SampleEvents.network(i, session) : SampleEvents.console(i, session);
        body.writeBytes(EventCodec.encode(event));
      }
      body.write(']');
      out.add(body.toByteArray());
    }
    return out;
  }
}
