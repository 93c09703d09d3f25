package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.event.Envelope;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed-compatible routes, with the seeds' own example payloads. */
class CompatRoutesTest {
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

  static String seed(String name) {
    return dev.loupe.ingest.compat.SeedPayloads.load(name);
  }

  static List<Envelope> stored(String buffer, String sessionId) {
    org.awaitility.Awaitility.await().until(() -> !server.server.buffers()
        .select(List.of(buffer), e -> sessionId.equals(e.event().sessionId()), 100).isEmpty());
    return server.server.buffers().select(List.of(buffer),
        e -> sessionId.equals(e.event().sessionId()), 100);
  }

  @Test
  void seed000SyncAnswersReceivedWithTtl() throws Exception {
    HttpResponse<String> r = server.ingestJson("/sync", seed("sync.json"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Json.parse(r.body()).get("received").asBoolean()).isTrue();
    assertThat(Json.parse(r.body()).get("ttl_seconds").asInt()).isEqualTo(60);
    assertThat(stored("console", "tab-123").get(0).event().source().name()).isEqualTo("compat/sync");
  }

  @Test
  void seed002SessionsAndTrackAnswerCreated() throws Exception {
    HttpResponse<String> created = server.ingestJson("/api/v1/sessions", seed("session.json"));
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode body = Json.parse(created.body());
    assertThat(body.get("session_id").asText()).matches("[0-9a-f-]{36}");
    assertThat(body.get("started_at").asText()).endsWith("Z");

    HttpResponse<String> tracked = server.ingestJson("/api/v1/track", seed("track.json"));
    assertThat(tracked.statusCode()).isEqualTo(201);
    assertThat(Json.parse(tracked.body()).get("message").asText()).isEqualTo("Events tracked successfully");
    assertThat(Json.parse(tracked.body()).get("count").asInt()).isEqualTo(1);
    assertThat(stored("action", "550e8400-e29b-41d4-a716-446655440000").get(0).event().type())
        .isEqualTo("action.click");
  }

  @Test
  void seed002RefusesBadSessionIdsNamingTheField() {
    HttpResponse<String> r = server.ingestJson("/api/v1/track", "{\"session_id\": \"x\", \"events\": []}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(Json.parse(r.body()).get("message").asText()).isEqualTo("session_id: must be a UUID");
  }

  @Test
  void seed002ScreenshotsAreStoredAndIdentifiedByTheirSeq() throws Exception {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB), "png", png);
    String body = "{\"session_id\": \"550e8400-e29b-41d4-a716-446655440001\", \"page_url\": \"https://example.com\","
        + " \"timestamp\": \"2024-01-01T12:00:00Z\", \"image_data\": \"data:image/png;base64,"
        + Base64.getEncoder().encodeToString(png.toByteArray()) + "\", \"width\": 320, \"height\": 200}";

    HttpResponse<String> r = server.ingestJson("/api/v1/track/screenshot", body);

    assertThat(r.statusCode()).isEqualTo(201);
    long id = Json.parse(r.body()).get("screenshot_id").asLong();
    Envelope e = stored("screenshot", "550e8400-e29b-41d4-a716-446655440001").get(0);
    assertThat(e.seq()).isEqualTo(id);
    assertThat(e.event().data().get("format").asText()).isEqualTo("png");
    assertThat(e.event().data().get("width").asInt()).isEqualTo(320);
    assertThat(dir.resolve("blobs").toFile().list()).isNotEmpty();

    assertThat(server.ingestJson("/api/v1/track/screenshot", seed("screenshot.json")).statusCode())
        .as("seed 002's own example, whose base64 is a truncated JPEG header").isEqualTo(201);
  }

  @Test
  void seed004ClientTelemetryAnswersNoContent() throws Exception {
    assertThat(server.ingestJson("/api/client-telemetry", seed("telemetry-batch.json")).statusCode()).isEqualTo(204);
    assertThat(server.ingestJson("/api/client-telemetry", seed("telemetry-legacy.json")).statusCode()).isEqualTo(204);
    assertThat(stored("log", "component-session-abc123")).extracting(e -> e.event().type())
        .contains("log.info", "log.warn");
  }
}
