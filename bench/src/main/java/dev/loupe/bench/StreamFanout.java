package dev.loupe.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Live-stream fan-out against a running server: N SSE subscribers while producers post at a fixed
 * rate. Each event carries its send time in {@code ts}, so a subscriber measures the whole way
 * from the client's POST to its own receipt (same machine, same clock). Ingest latency is measured
 * too, to show whether subscribers slow ingest (run once with {@code --subscribers 0} to compare).
 *
 * <p>With {@code --per-session} each subscriber follows one of the producers' sessions (how live
 * tails are used: the server still evaluates every event against every subscriber's selectors);
 * without it every subscriber receives every event.
 */
public final class StreamFanout {
  /** What to run. */
  public record Options(URI base, String ingestKey, String adminKey, int subscribers, long eventsPerSecond,
      Duration duration, boolean perSession, int connections) {}

  private StreamFanout() {}

  public static void run(Options o, PrintStream out) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    AtomicBoolean running = new AtomicBoolean(true);
    LongAdder received = new LongAdder();
    List<long[]> latencies = new ArrayList<>();
    List<Thread> readers = new ArrayList<>();
    int sessions = Math.max(1, o.subscribers());
    for (int s = 0; s < o.subscribers(); s++) {
      long[] samples = new long[2_000_001];
      latencies.add(samples);
      String selector = o.perSession() ? "&session_id=fanout-" + s : "";
      HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(
              URI.create(o.base() + "/v1/stream?category=custom" + selector))
          .header("Authorization", "Bearer " + o.adminKey()).build(), HttpResponse.BodyHandlers.ofInputStream());
      Thread t = new Thread(() -> follow(r.body(), samples, received, running), "subscriber-" + s);
      t.setDaemon(true);
      readers.add(t);
      t.start();
    }
    out.printf("stream fan-out: %d subscribers (%s), %,d events/s for %s over %d connections%n", o.subscribers(),
        o.perSession() ? "one session each" : "every event", o.eventsPerSecond(), o.duration(), o.connections());
    long[] ingestLatency = post(o, sessions, running);
    running.set(false);
    long[] all = latencies.stream().flatMapToLong(s -> java.util.Arrays.stream(s, 0, (int) s[s.length - 1]))
        .toArray();
    double seconds = o.duration().toNanos() / 1e9;
    out.printf("ingest: p50 %.2f ms  p99 %.2f ms  p999 %.2f ms (POST to acknowledgement)%n",
        Percentiles.of(ingestLatency, 50) / 1e6, Percentiles.of(ingestLatency, 99) / 1e6,
        Percentiles.of(ingestLatency, 99.9) / 1e6);
    out.printf("delivered to subscribers: %,.0f events/s in total%n", received.sum() / seconds);
    out.printf("post -> subscriber: p50 %.2f ms  p99 %.2f ms  p999 %.2f ms  (%,d samples)%n",
        Percentiles.of(all, 50) / 1000.0, Percentiles.of(all, 99) / 1000.0, Percentiles.of(all, 99.9) / 1000.0,
        all.length);
  }

  /** Posts batches of 50 custom events at the target rate; returns the POST latencies (ns). */
  private static long[] post(Options o, int sessions, AtomicBoolean running) throws Exception {
    URI url = URI.create(o.base() + "/v1/events");
    long batchesPerSecond = Math.max(1, o.eventsPerSecond() / 50);
    long interval = (long) (1e9 * o.connections() / batchesPerSecond);
    long end = System.nanoTime() + o.duration().toNanos();
    List<long[]> samples = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < o.connections(); c++) {
      long[] lat = new long[1_000_001];
      samples.add(lat);
      int id = c;
      Thread t = new Thread(() -> {
        int n = 0;
        long due = System.nanoTime() + interval * id / o.connections();
        try (HttpConnection conn = new HttpConnection(url, o.ingestKey())) {
          while (System.nanoTime() < end) {
            long now = System.nanoTime();
            if (now < due) {
              LockSupport.parkNanos(due - now);
            }
            byte[] body = batch(id, n++, sessions);
            conn.post(body);
            if (lat[lat.length - 1] < lat.length - 1) {
              lat[(int) lat[lat.length - 1]++] = System.nanoTime() - due;
            }
            due += interval;
          }
        } catch (Exception e) {
          System.err.println("producer " + id + ": " + e);
        }
      }, "producer-" + c);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    return samples.stream().flatMapToLong(s -> java.util.Arrays.stream(s, 0, (int) s[s.length - 1])).toArray();
  }

  private static byte[] batch(int producer, int n, int sessions) {
    Instant now = Instant.now();
    long ts = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    StringBuilder b = new StringBuilder(50 * 200).append('[');
    for (int i = 0; i < 50; i++) {
      if (i > 0) {
        b.append(',');
      }
      int session = (producer * 7919 + n * 50 + i) % sessions;
      b.append("{\"type\":\"custom.fanout\",\"ts\":").append(ts).append(",\"session_id\":\"fanout-").append(session)
          .append("\",\"data\":{\"n\":").append(n).append(",\"i\":").append(i)
          .append(",\"note\":\"stream fan-out benchmark event with a little text in it\"}}");
    }
    return b.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void follow(InputStream in, long[] samples, LongAdder received, AtomicBoolean running) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      while (running.get() && (line = r.readLine()) != null) {
        if (!line.startsWith("data: ")) {
          continue;
        }
        Instant now = Instant.now();
        long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
        int at = line.indexOf("\"ts\":");
        if (at < 0) {
          continue;
        }
        int end = at + 5;
        while (end < line.length() && Character.isDigit(line.charAt(end))) {
          end++;
        }
        long ts = Long.parseLong(line, at + 5, end, 10);
        received.increment();
        int count = (int) samples[samples.length - 1];
        if (count < samples.length - 1) {
          samples[count] = nowMicros - ts;
          samples[samples.length - 1] = count + 1;
        }
      }
    } catch (Exception ignored) {
      // the run is over
    }
  }
}
