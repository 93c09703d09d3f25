package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpsAndAuthTest {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    server.ingestJson("/v1/events", "[{\"type\": \"console.log\", \"session_id\": \"s1\","
        + " \"data\": {\"message\": \"mail ann@example.com\"}}, {\"type\": \"console.nope\"}]");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void healthAndReadinessAnswerJson() {
    HttpResponse<String> health = server.get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"healthy\"}");
    assertThat(Json.parse(server.get("/ready").body()).get("status").asText()).isEqualTo("ready");
  }

  @Test
  void prometheusMetricsCoverRequestsEventsDropsAndTheLog() {
    HttpResponse<String> r = server.get("/metrics");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(r.body()).contains(
        "loupe_http_requests_total{method=\"POST\",route=\"/v1/events\",status=\"202\"}",
        "loupe_events_accepted_total{category=\"console\"} 1.0",
        "loupe_events_rejected_total 1.0",
        "loupe_dropped_events_total{reason=\"invalid\"} 1.0",
        "loupe_redactions_total{rule=\"email\"} 1.0",
        "loupe_log_durable_seq", "loupe_log_lag_events", "loupe_log_fsync_duration_seconds_bucket",
        "jvm_memory_used_bytes");
  }

  @Test
  void statsNeedTheAdminKeyAndDescribeThePipeline() {
    assertThat(server.get("/v1/stats").statusCode()).isEqualTo(401);
    HttpResponse<String> r = server.getAsAdmin("/v1/stats");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode stats = Json.parse(r.body());
    assertThat(stats.at("/pipeline/durable_seq").asLong()).isPositive();
    assertThat(stats.at("/pipeline/ack").asText()).isEqualTo("durable");
    assertThat(stats.at("/buffers/console/max_entries").asInt()).isEqualTo(1000);
    assertThat(stats.at("/buffers/console/warning").isBoolean()).isTrue();
    assertThat(stats.at("/drops/invalid").asLong()).isEqualTo(1);
    assertThat(stats.at("/redactions/email").asLong()).isEqualTo(1);
    assertThat(stats.at("/memory/max_bytes").asLong()).isEqualTo(500L << 20);
    assertThat(stats.at("/disk/free_bytes").asLong()).isPositive();
    assertThat(stats.at("/ingest/history").isArray()).isTrue();
  }

  HttpResponse<String> signIn(String token) {
    return server.send(HttpRequest.newBuilder(URI.create(server.url("/v1/auth/session")))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"token\": \"" + token + "\"}")));
  }

  @Test
  void theAdminKeyOrTheLoginTokenOpenASessionThatReadsTheApi() {
    String loginToken = server.server.loginUrl().substring(server.server.loginUrl().indexOf("#login=") + 7);
    for (String credential : new String[] {TestServer.ADMIN_KEY, loginToken}) {
      HttpResponse<String> r = signIn(credential);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
      String session = Json.parse(r.body()).get("session_token").asText();
      assertThat(session).startsWith("lp_session_");

      HttpResponse<String> stats = server.send(HttpRequest.newBuilder(URI.create(server.url("/v1/stats")))
          .header("Authorization", "Bearer " + session).GET());
      assertThat(stats.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void wrongCredentialsAreRefused() {
    assertThat(signIn("lp_admin_wrong").statusCode()).isEqualTo(401);
    assertThat(server.send(HttpRequest.newBuilder(URI.create(server.url("/v1/stats")))
        .header("Authorization", "Bearer " + TestServer.INGEST_KEY).GET()).statusCode())
        .as("an ingest key reads nothing").isEqualTo(401);
  }

  @Test
  void streamTokensAreIssuedToAdminsOnly() {
    HttpResponse<String> anonymous = server.send(HttpRequest.newBuilder(URI.create(server.url("/v1/stream/token")))
        .POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> admin = server.send(HttpRequest.newBuilder(URI.create(server.url("/v1/stream/token")))
        .header("Authorization", "Bearer " + TestServer.ADMIN_KEY).POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(Json.parse(admin.body()).get("token").asText()).startsWith("lp_stream_");
  }
}
