package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeIngestTest {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static final String EVENT = "{\"type\": \"console.log\", \"session_id\": \"s1\", \"data\": {\"message\": \"hi\"}}";

  @Test
  void aBatchIsAcceptedWithItsSeqsAfterItIsDurable() {
    HttpResponse<String> r = server.ingestJson("/v1/events",
        "{\"session\": {\"browser\": \"Chrome\"}, \"events\": [" + EVENT + ", " + EVENT + "]}");

    assertThat(r.statusCode()).isEqualTo(202);
    JsonNode body = Json.parse(r.body());
    assertThat(body.get("accepted").asInt()).isEqualTo(3);
    assertThat(body.get("rejected")).isEmpty();
    long first = body.get("first_seq").asLong();
    assertThat(body.get("last_seq").asLong()).isEqualTo(first + 2);
    assertThat(server.server.pipeline().lastSeq()).isGreaterThanOrEqualTo(first + 2);
  }

  @Test
  void aBodySentTwiceWithItsBatchIdIsAppendedOnce() {
    String body = "{\"batch\": \"once-1\", \"events\": [" + EVENT + ", " + EVENT + "]}";
    JsonNode first = Json.parse(server.ingestJson("/v1/events", body).body());
    long last = server.server.pipeline().lastSeq();

    HttpResponse<String> again = server.ingestJson("/v1/events", body);

    assertThat(again.statusCode()).isEqualTo(202);
    JsonNode second = Json.parse(again.body());
    assertThat(second.get("duplicate").asBoolean()).isTrue();
    assertThat(second.get("accepted").asInt()).isEqualTo(2);
    assertThat(second.get("first_seq").asLong()).isEqualTo(first.get("first_seq").asLong());
    assertThat(second.get("last_seq").asLong()).isEqualTo(first.get("last_seq").asLong());
    assertThat(first.has("duplicate")).isFalse();
    assertThat(server.server.pipeline().lastSeq()).isEqualTo(last);
    assertThat(server.get("/metrics").body()).contains("loupe_events_duplicate_total 2.0");

    HttpResponse<String> bad = server.ingestJson("/v1/events", "{\"batch\": 7, \"events\": [" + EVENT + "]}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(Json.parse(bad.body()).get("message").asText()).startsWith("batch: must be a string of 1 to 64");
  }

  @Test
  void goodEventsOfAMixedBatchAreKeptAndBadOnesNamed() {
    HttpResponse<String> r = server.ingestJson("/v1/events", "[" + EVENT + ", {\"type\": \"console.eror\"}]");

    assertThat(r.statusCode()).isEqualTo(202);
    JsonNode body = Json.parse(r.body());
    assertThat(body.get("accepted").asInt()).isEqualTo(1);
    assertThat(body.at("/rejected/0/index").asInt()).isEqualTo(1);
    assertThat(body.at("/rejected/0/field").asText()).isEqualTo("events[1].type");
    assertThat(body.at("/rejected/0/error").asText()).contains("not a console type");
  }

  @Test
  void aBatchWithNothingValidIs400NamingTheProblem() {
    HttpResponse<String> r = server.ingestJson("/v1/events", "[{\"type\": \"x\"}]");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(Json.parse(r.body()).get("error").asText()).isEqualTo("invalid");
    assertThat(Json.parse(r.body()).get("message").asText()).startsWith("events[0].type:");
  }

  @Test
  void ndjsonAndGzipAreAccepted() throws Exception {
    assertThat(server.ingest("/v1/events", "application/x-ndjson", EVENT + "\n" + EVENT + "\n").statusCode())
        .isEqualTo(202);

    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write(("[" + EVENT + "]").getBytes(StandardCharsets.UTF_8));
    }
    HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("/v1/events")))
        .header("X-Loupe-Key", TestServer.INGEST_KEY).header("Content-Type", "application/json")
        .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())));
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(Json.parse(r.body()).get("accepted").asInt()).isEqualTo(1);
  }

  @Test
  void aBeaconPostsPlainTextWithTheKeyInTheQuery() {
    HttpResponse<String> r = server.send(HttpRequest.newBuilder(
            URI.create(server.url("/v1/events?key=" + TestServer.INGEST_KEY)))
        .header("Content-Type", "text/plain;charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofString("{\"events\": [" + EVENT + "]}")));

    assertThat(r.statusCode()).isEqualTo(202);
  }

  @Test
  void secretsNeverReachTheLog() throws Exception {
    server.ingestJson("/v1/events", """
        [{"type": "network.request", "session_id": "s9", "data": {"url": "https://a.example/?access_token=zz9",
          "request_headers": {"Authorization": "Bearer qq8"}, "request_body": "{\\"password\\": \\"pw7\\"}"}}]
        """);

    StringBuilder log = new StringBuilder();
    try (Stream<Path> files = Files.list(dir.resolve("log"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".log")).toList()) {
        log.append(Files.readString(f));
      }
    }
    assertThat(log).doesNotContain("zz9", "qq8", "pw7").contains("[REDACTED:query]");
  }

  @Test
  void acceptedEventsAreVisibleToReadersWithTheirEnvelope() {
    HttpResponse<String> r = server.ingestJson("/v1/events", "[{\"type\": \"custom.checkout\", \"session_id\": \"s7\"}]");
    long seq = Json.parse(r.body()).get("first_seq").asLong();

    org.awaitility.Awaitility.await().until(() -> !server.server.buffers()
        .select(List.of("custom"), e -> e.seq() == seq, 1).isEmpty());
    var envelope = server.server.buffers().select(List.of("custom"), e -> e.seq() == seq, 1).get(0);
    assertThat(envelope.event().type()).isEqualTo("custom.checkout");
    assertThat(envelope.event().sessionId()).isEqualTo("s7");
    assertThat(envelope.project()).isEqualTo("default");
  }
}
