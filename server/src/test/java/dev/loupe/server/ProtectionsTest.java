package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.drop.DropReason;
import dev.loupe.server.http.RateLimiter.RateLimitSpec;
import dev.loupe.time.ManualClock;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtectionsTest {
  @TempDir Path dir;
  static final String EVENT = "[{\"type\": \"console.log\", \"session_id\": \"s1\"}]";

  @Test
  void requestsWithoutAValidIngestKeyAre401() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      HttpResponse<String> none = s.send(HttpRequest.newBuilder(URI.create(s.url("/v1/events")))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(EVENT)));
      HttpResponse<String> wrong = s.send(HttpRequest.newBuilder(URI.create(s.url("/v1/events")))
          .header("X-Loupe-Key", "lp_ingest_nope").POST(HttpRequest.BodyPublishers.ofString(EVENT)));

      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(Json.parse(none.body()).get("message").asText()).contains("X-Loupe-Key");
      assertThat(wrong.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void unsupportedContentTypesAndEncodingsAre415() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      assertThat(s.ingest("/v1/events", "application/xml", "<x/>").statusCode()).isEqualTo(415);
      HttpResponse<String> br = s.send(HttpRequest.newBuilder(URI.create(s.url("/v1/events")))
          .header("X-Loupe-Key", TestServer.INGEST_KEY).header("Content-Type", "application/json")
          .header("Content-Encoding", "br").POST(HttpRequest.BodyPublishers.ofString(EVENT)));
      assertThat(br.statusCode()).isEqualTo(415);
      assertThat(Json.parse(br.body()).get("error").asText()).isEqualTo("unsupported_media_type");
    }
  }

  @Test
  void aRefusalBeforeTheBodyIsReadStillReachesTheClient() throws Exception {
    String big = "[{\"type\": \"console.log\", \"data\": {\"message\": \"" + "x".repeat(200_000) + "\"}}]";
    try (TestServer s = TestServer.start(dir)) {
      for (int i = 0; i < 20; i++) {
        HttpResponse<String> r = s.ingest("/api/v1/sessions", "application/x-ndjson", big);
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(Json.parse(r.body()).get("message").asText()).contains("application/json");
      }
    }
  }

  @Test
  void theBodyLimitHoldsWhateverContentLengthSays() throws Exception {
    try (TestServer s = TestServer.start(dir, dev.loupe.time.Clock.system(), c -> c.maxBodyBytes(64 * 1024))) {
      int port = s.server.port();
      assertThat(RawHttp.post(port, "/v1/events", "Content-Length: 1000000\r\n", 1_000_000, (byte) ' '))
          .contains("413");
      assertThat(RawHttp.post(port, "/v1/events", "Transfer-Encoding: chunked\r\n", 300_000, (byte) ' '))
          .as("no Content-Length at all").contains("413");
      assertThat(RawHttp.post(port, "/v1/events", "Content-Length: 10\r\nTransfer-Encoding: chunked\r\n", 300_000,
          (byte) ' ')).as("a lying Content-Length").matches(".*(413|400).*");
      assertThat(s.ingestJson("/v1/events", EVENT).statusCode()).as("still serving").isEqualTo(202);
    }
  }

  @Test
  void aGzipBombIsStoppedAtTheLimitAfterDecompression() throws Exception {
    try (TestServer s = TestServer.start(dir, dev.loupe.time.Clock.system(), c -> c.maxBodyBytes(64 * 1024))) {
      ByteArrayOutputStream zipped = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
        gz.write(new byte[20 * 1024 * 1024]);
      }
      HttpResponse<String> r = s.send(HttpRequest.newBuilder(URI.create(s.url("/v1/events")))
          .header("X-Loupe-Key", TestServer.INGEST_KEY).header("Content-Type", "application/json")
          .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())));

      assertThat(zipped.size()).isLessThan(64 * 1024);
      assertThat(r.statusCode()).isEqualTo(413);
    }
  }

  @Test
  void tooManyEventsInABatchIs413() throws Exception {
    try (TestServer s = TestServer.start(dir, dev.loupe.time.Clock.system(), c -> c.maxEventsPerRequest(3))) {
      HttpResponse<String> r = s.ingestJson("/v1/events", "[" + "{\"type\":\"console.log\"},".repeat(3)
          + "{\"type\":\"console.log\"}]");
      assertThat(r.statusCode()).isEqualTo(413);
      assertThat(Json.parse(r.body()).get("message").asText()).contains("at most 3 events");
    }
  }

  @Test
  void malformedJsonAndInvalidUtf8Are400WithThePosition() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      HttpResponse<String> r = s.ingestJson("/v1/events", "[{\"type\": \"console.log\",]");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(Json.parse(r.body()).get("error").asText()).isEqualTo("malformed_json");
      assertThat(Json.parse(r.body()).get("message").asText()).contains("line 1, column");

      byte[] bad = "[{\"type\": \"console.log\", \"data\": {\"m\": \"\u00e9\"}}]".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      bad[bad.length - 6] = (byte) 0xFF;
      HttpResponse<String> utf8 = s.send(HttpRequest.newBuilder(URI.create(s.url("/v1/events")))
          .header("X-Loupe-Key", TestServer.INGEST_KEY).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(bad)));
      assertThat(utf8.statusCode()).isEqualTo(400);
    }
  }

  @Test
  void aClientOverItsBudgetGets429WithRetryAfterWhileOthersAreServed() throws Exception {
    ManualClock clock = ManualClock.atDefaultInstant();
    try (TestServer s = TestServer.start(dir, clock, c -> c.rateLimit(new RateLimitSpec(3, Duration.ofSeconds(60)))
        .trustedProxies(List.of("127.0.0.1")))) {
      for (int i = 0; i < 3; i++) {
        assertThat(post(s, "203.0.113.5").statusCode()).isEqualTo(202);
      }
      HttpResponse<String> limited = post(s, "203.0.113.5");
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).hasValue("20");
      assertThat(Json.parse(limited.body()).get("error").asText()).isEqualTo("rate_limited");
      assertThat(post(s, "203.0.113.9").statusCode()).as("another client").isEqualTo(202);
      assertThat(s.server.drops().count(DropReason.RATE_LIMITED)).isEqualTo(1);

      clock.advance(Duration.ofSeconds(20));
      assertThat(post(s, "203.0.113.5").statusCode()).as("a token refilled").isEqualTo(202);
    }
  }

  @Test
  void forwardedForIsIgnoredFromUntrustedPeers() throws Exception {
    ManualClock clock = ManualClock.atDefaultInstant();
    try (TestServer s = TestServer.start(dir, clock, c -> c.rateLimit(new RateLimitSpec(2, Duration.ofSeconds(60))))) {
      assertThat(post(s, "198.51.100.1").statusCode()).isEqualTo(202);
      assertThat(post(s, "198.51.100.2").statusCode()).isEqualTo(202);
      assertThat(post(s, "198.51.100.3").statusCode()).as("one bucket: the socket's address").isEqualTo(429);
    }
  }

  static HttpResponse<String> post(TestServer s, String forwardedFor) {
    return s.send(HttpRequest.newBuilder(URI.create(s.url("/v1/events"))).header("X-Loupe-Key", TestServer.INGEST_KEY)
        .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
        .POST(HttpRequest.BodyPublishers.ofString(EVENT)));
  }

  /** A browser's preflight for a POST from https://shop.example with {@code requestHeaders}. */
  static HttpResponse<String> preflight(TestServer s, String requestHeaders) {
    return s.send(HttpRequest.newBuilder(URI.create(s.url("/v1/events")))
        .header("Origin", "https://shop.example").header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", requestHeaders)
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
  }

  @Test
  void corsIsOpenByDefaultAndPreflightsAreAnswered() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      HttpResponse<String> pre = preflight(s, "content-type,x-loupe-key");
      assertThat(pre.statusCode()).isEqualTo(204);
      assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
      assertThat(pre.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("X-Loupe-Key");
      assertThat(pre.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");

      HttpResponse<String> post = s.send(HttpRequest.newBuilder(URI.create(s.url("/v1/events")))
          .header("Origin", "https://shop.example").header("X-Loupe-Key", TestServer.INGEST_KEY)
          .POST(HttpRequest.BodyPublishers.ofString(EVENT)));
      assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
      assertThat(post.headers().firstValue("Access-Control-Expose-Headers")).hasValue("Retry-After");

      HttpResponse<String> read = s.send(HttpRequest.newBuilder(URI.create(s.url("/v1/stats")))
          .header("Origin", "https://shop.example").header("Authorization", "Bearer " + TestServer.ADMIN_KEY).GET());
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).as("no CORS on the read API").isEmpty();
    }
  }

  @Test
  void aPreflightAllowsTheTraceHeadersAnotherSdkAddsToUploads() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      // Sentry or Datadog, loaded before Loupe's SDK, add their trace headers to its uploads too.
      HttpResponse<String> pre = preflight(s, "baggage,sentry-trace,traceparent,x-datadog-origin");
      assertThat(pre.statusCode()).isEqualTo(204);
      assertThat(pre.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
          .contains("X-Loupe-Key").contains("baggage,sentry-trace,traceparent,x-datadog-origin");
      assertThat(pre.headers().firstValue("Vary").orElse("")).contains("Access-Control-Request-Headers");

      // Anything but a list of header names is not repeated back.
      HttpResponse<String> odd = preflight(s, "x-a;<script>");
      assertThat(odd.statusCode()).isEqualTo(204);
      assertThat(odd.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Content-Type, Content-Encoding, X-Loupe-Key");
    }
  }

  @Test
  void anAllowListReflectsListedOriginsAndRefusesOthers() throws Exception {
    try (TestServer s = TestServer.start(dir, dev.loupe.time.Clock.system(),
        c -> c.corsOrigins(Set.of("https://shop.example")))) {
      HttpResponse<String> ok = s.send(HttpRequest.newBuilder(URI.create(s.url("/v1/events")))
          .header("Origin", "https://shop.example").header("X-Loupe-Key", TestServer.INGEST_KEY)
          .POST(HttpRequest.BodyPublishers.ofString(EVENT)));
      HttpResponse<String> other = s.send(HttpRequest.newBuilder(URI.create(s.url("/v1/events")))
          .header("Origin", "https://evil.example").header("X-Loupe-Key", TestServer.INGEST_KEY)
          .POST(HttpRequest.BodyPublishers.ofString(EVENT)));

      assertThat(ok.statusCode()).isEqualTo(202);
      assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example");
      assertThat(ok.headers().firstValue("Vary")).hasValue("Origin");
      assertThat(other.statusCode()).isEqualTo(403);
      assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
  }

  @Test
  void whenTheLogRefusesTheAnswerIs503WithRetryAfterAndReadyTurnsRed() throws Exception {
    try (TestServer s = TestServer.start(dir, dev.loupe.time.Clock.system(), c -> c.minFreeDiskBytes(Long.MAX_VALUE))) {
      HttpResponse<String> r = s.ingestJson("/v1/events", EVENT);

      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(Json.parse(r.body()).get("error").asText()).isEqualTo("unavailable");
      assertThat(s.server.drops().count(DropReason.UNAVAILABLE)).isEqualTo(1);
      assertThat(s.get("/ready").statusCode()).isEqualTo(503);
      assertThat(s.get("/health").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void unknownRoutesAndMethodsAreJsonErrors() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      HttpResponse<String> missing = s.get("/nope");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(Json.parse(missing.body()).get("error").asText()).isEqualTo("not_found");
    }
  }
}
