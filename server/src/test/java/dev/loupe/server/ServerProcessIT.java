package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.loupe.pipeline.Gap;
import dev.loupe.pipeline.ReadResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built artifact as a user runs it: started, loaded by concurrent clients, killed with
 * SIGKILL, restarted, stopped with SIGTERM. Every event it acknowledged is in the log and in the
 * store (read back through the query API) exactly once, a body sent again after the restart is
 * answered as a duplicate, the sequence continues after the restart, and a SIGTERM stop exits 0.
 */
class ServerProcessIT {
  @TempDir Path dir;
  final HttpClient http = HttpClient.newHttpClient();

  Process start(int port) throws IOException {
    Path jar = Path.of("target", "loupe.jar").toAbsolutePath();
    assertThat(jar).exists();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toString(), "serve", "--port", Integer.toString(port),
        "--data-dir", dir.toString(), "--admin-key", TestServer.ADMIN_KEY, "--ingest-key", TestServer.INGEST_KEY,
        "--rate-limit", "off", "--min-free-disk", "0")
        .redirectErrorStream(true).redirectOutput(dir.resolve("server-" + System.nanoTime() + ".out").toFile())
        .start();
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    return p;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Body {@code n}: 50 events, with batch id {@code b<n>}. */
  HttpResponse<String> post(int port, int n) throws Exception {
    StringBuilder body = new StringBuilder("{\"batch\":\"b" + n + "\",\"events\":[");
    for (int i = 0; i < 50; i++) {
      body.append(i == 0 ? "" : ",").append("{\"type\":\"console.log\",\"session_id\":\"p").append(n % 20)
          .append("\",\"data\":{\"message\":\"event ").append(n).append('.').append(i).append("\"}}");
    }
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/events"))
        .header("X-Loupe-Key", TestServer.INGEST_KEY).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.append("]}").toString())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Every seq the store holds, read through the query API once the store has caught up to {@code upTo}. */
  BitSet storedSeqs(int port, long upTo) throws Exception {
    String base = "http://127.0.0.1:" + port;
    await().atMost(Duration.ofSeconds(120)).until(() -> {
      var stats = Json.parse(get(base + "/v1/stats"));
      return stats.at("/store/checkpoint").asLong() >= upTo;
    });
    BitSet seen = new BitSet();
    long after = 0;
    while (true) {
      var page = Json.parse(get(base + "/v1/events?limit=10000&after_seq=" + after));
      for (var e : page.get("data")) {
        int seq = e.get("seq").asInt();
        assertThat(seen.get(seq)).as("seq %d stored once", seq).isFalse();
        seen.set(seq);
        after = seq;
      }
      if (page.get("next_cursor").isNull()) {
        return seen;
      }
    }
  }

  String get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TestServer.ADMIN_KEY)
        .build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void acknowledgedEventsSurviveKillNineAndTheSequenceContinues() throws Exception {
    int port = freePort();
    Process first = start(port);
    BitSet acked = new BitSet();
    AtomicLong count = new AtomicLong();
    // The first seq of the last body each client had acknowledged.
    Map<Integer, Long> lastAcked = new ConcurrentHashMap<>();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> clients = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int base = t * 1_000_000;
      Thread client = new Thread(() -> {
        for (int n = base; running.get(); n++) {
          try {
            HttpResponse<String> r = post(port, n);
            if (r.statusCode() == 202) {
              var body = Json.parse(r.body());
              synchronized (acked) {
                acked.set(body.get("first_seq").asInt(), body.get("last_seq").asInt() + 1);
              }
              count.addAndGet(body.get("accepted").asLong());
              lastAcked.put(n, body.get("first_seq").asLong());
              lastAcked.remove(n - 1);
            }
          } catch (Exception killed) {
            return;
          }
        }
      });
      clients.add(client);
      client.start();
    }
    await().atMost(Duration.ofSeconds(90)).until(() -> count.get() >= 10_000);
    first.destroyForcibly();
    assertThat(first.waitFor() != 0).isTrue();
    running.set(false);
    for (Thread c : clients) {
      c.join();
    }

    Process second = start(port);
    // Each client sends its last acknowledged body again, as a client whose answer the kill had cut
    // off would: the journal of batch ids makes the restarted server answer it as a duplicate.
    assertThat(lastAcked).isNotEmpty();
    for (var acknowledged : lastAcked.entrySet()) {
      HttpResponse<String> again = post(port, acknowledged.getKey());
      assertThat(again.statusCode()).isEqualTo(202);
      assertThat(Json.parse(again.body()).get("duplicate").asBoolean()).isTrue();
      assertThat(Json.parse(again.body()).get("first_seq").asLong()).isEqualTo(acknowledged.getValue());
    }
    HttpResponse<String> after = post(port, 9_000_000);
    assertThat(after.statusCode()).isEqualTo(202);
    long firstAfter = Json.parse(after.body()).get("first_seq").asLong();
    assertThat(firstAfter).as("the sequence continues").isGreaterThan(acked.length() - 1);
    BitSet stored = storedSeqs(port, firstAfter + 49);
    BitSet notStored = (BitSet) acked.clone();
    notStored.andNot(stored);
    assertThat(notStored.isEmpty()).as("acknowledged but not in the store: %s", notStored).isTrue();
    second.destroy();
    assertThat(second.waitFor()).as("SIGTERM stops gracefully with status 0").isZero();

    List<ReadResult> log = TestServer.readLog(dir);
    BitSet present = new BitSet();
    long expected = 1;
    for (ReadResult r : log) {
      assertThat(r).isNotInstanceOf(Gap.class);
      long seq = r.envelopeOrNull().seq();
      assertThat(seq).isEqualTo(expected++);
      present.set((int) seq);
    }
    BitSet missing = (BitSet) acked.clone();
    missing.andNot(present);
    assertThat(missing.isEmpty()).as("acknowledged but missing: %s", missing).isTrue();
    assertThat(present.get((int) firstAfter)).isTrue();
    assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".out")).count()).isEqualTo(2);
  }
}
