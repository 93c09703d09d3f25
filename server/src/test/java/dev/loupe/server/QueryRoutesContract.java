package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import dev.loupe.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The read API as the dashboard and scripts use it, run against every store (one subclass per
 * backend): the answers must not depend on where the events are kept.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QueryRoutesContract {
  static final long T0 = 1_795_435_200_000_000L;
  Path dir;
  TestServer server;
  long lastSeq;
  long screenshotId;

  /** Chooses the store of the server under test. */
  abstract ServerConfig.StorageSettings storage();

  @BeforeAll
  void seed() throws Exception {
    dir = Files.createTempDirectory("loupe-query-");
    ServerConfig.StorageSettings storage = storage();
    server = TestServer.start(dir, Clock.system(), c -> c.storage(storage));
    for (int i = 0; i < 30; i++) {
      String id = "q-" + i;
      String user = i % 3 == 0 ? "ann" : "bob";
      long start = T0 + i * 1_000_000L;
      StringBuilder events = new StringBuilder();
      events.append(event(id, start, "page.view", "{\"url\": \"https://shop.example/p/" + i + "\"}"));
      events.append(',').append(event(id, start + 1000, "console.log", "{\"message\": \"hello " + i + "\"}"));
      events.append(',').append(event(id, start + 2000, "network.request",
          "{\"method\": \"GET\", \"url\": \"https://api.example/items/" + i + "\", \"status\": 200, \"duration_ms\": 12}"));
      if (i % 5 == 0) {
        events.append(',').append(event(id, start + 3000, "error.uncaught", "{\"message\": \"boom " + i + "\"}"));
      }
      String body = "{\"session\": {\"session_id\": \"" + id + "\", \"user_id\": \"" + user + "\", \"browser\": "
          + "\"Chrome\", \"os\": \"Linux\", \"device_type\": \"desktop\", \"page_url\": \"https://shop.example/p/" + i
          + "\", \"viewport_width\": 1280, \"viewport_height\": 720}, \"events\": [" + events + "]}";
      HttpResponse<String> r = server.ingestJson("/v1/events", body);
      assertThat(r.statusCode()).isEqualTo(202);
      lastSeq = Json.parse(r.body()).get("last_seq").asLong();
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "png", png);
    HttpResponse<String> shot = server.ingestJson("/api/v1/track/screenshot", "{\"session_id\": \"q-1\","
        + " \"page_url\": \"https://shop.example/p/1\", \"timestamp\": \"2026-11-23T12:00:01.5Z\","
        + " \"image_data\": \"data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray()) + "\"}");
    screenshotId = Json.parse(shot.body()).get("screenshot_id").asLong();
    await().until(() -> server.server.store().writer().checkpoint() >= screenshotId);
  }

  @AfterAll
  void stop() throws IOException {
    server.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static String event(String session, long ts, String type, String data) {
    return "{\"type\": \"" + type + "\", \"ts\": " + ts + ", \"session_id\": \"" + session
        + "\", \"url\": \"https://shop.example/\", \"data\": " + data + "}";
  }

  JsonNode get(String path) {
    HttpResponse<String> r = server.getAsAdmin(path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return Json.parse(r.body());
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void theReadApiNeedsTheAdminKeyAndSendsNoCors() {
    assertThat(server.get("/v1/sessions").statusCode()).isEqualTo(401);
    HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("/v1/sessions")))
        .header("Origin", "https://evil.example").header("Authorization", "Bearer " + TestServer.ADMIN_KEY).GET());
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void sessionsAreListedNewestFirstWithTheirSummary() {
    JsonNode page = get("/v1/sessions");

    assertThat(page.get("total").asLong()).isEqualTo(30);
    assertThat(page.get("data")).hasSize(20);
    JsonNode newest = page.at("/data/0");
    assertThat(newest.get("session_id").asText()).isEqualTo("q-29");
    assertThat(newest.get("browser").asText()).isEqualTo("Chrome");
    assertThat(newest.get("user_id").asText()).isEqualTo("bob");
    assertThat(newest.get("event_count").asLong()).isEqualTo(4);
    assertThat(newest.get("page_count").asLong()).isEqualTo(1);
    assertThat(newest.get("viewport_width").asInt()).isEqualTo(1280);
    assertThat(page.get("next_cursor").isTextual()).isTrue();
  }

  @Test
  void cursorPagingVisitsEverySessionOnce() {
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = get("/v1/sessions?limit=7&sort=started_at" + (cursor == null ? "" : "&cursor=" + enc(cursor)));
      long previous = Long.MIN_VALUE;
      for (JsonNode s : page.get("data")) {
        assertThat(seen.add(s.get("session_id").asText())).isTrue();
        assertThat(s.get("started_at").asLong()).isGreaterThanOrEqualTo(previous);
        previous = s.get("started_at").asLong();
      }
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
      pages++;
    } while (cursor != null);
    assertThat(seen).hasSize(30);
    assertThat(pages).isEqualTo(5);
  }

  @Test
  void sessionFiltersCombine() {
    assertThat(get("/v1/sessions?user_id=ann&limit=100").get("total").asLong()).isEqualTo(10);
    assertThat(get("/v1/sessions?has_errors=true&limit=100").get("total").asLong()).isEqualTo(6);
    assertThat(get("/v1/sessions?has_errors=true&user_id=ann&limit=100").get("total").asLong()).isEqualTo(2);
    assertThat(get("/v1/sessions?url=" + enc("/p/1") + "&limit=100").get("total").asLong()).as("p/1, p/10..p/19")
        .isEqualTo(11);
    assertThat(get("/v1/sessions?from=" + (T0 + 10_000_000L) + "&to=2026-11-23T12:00:20Z&limit=100").get("total")
        .asLong()).isEqualTo(10);
  }

  @Test
  void badParametersAre400NamingThem() {
    for (String[] c : List.of(new String[] {"/v1/sessions?limit=0", "limit"},
        new String[] {"/v1/sessions?sort=newest", "sort"}, new String[] {"/v1/sessions?from=yesterday", "from"},
        new String[] {"/v1/sessions?has_errors=maybe", "has_errors"},
        new String[] {"/v1/sessions?cursor=not-a-cursor", "cursor"},
        new String[] {"/v1/events?limit=10001", "limit"}, new String[] {"/v1/events?category=nope", "category"},
        new String[] {"/v1/events?after_seq=-1", "after_seq"}, new String[] {"/v1/events?type=a;b", "type"})) {
      HttpResponse<String> r = server.getAsAdmin(c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(Json.parse(r.body()).get("error").asText()).isEqualTo("bad_parameter");
      assertThat(Json.parse(r.body()).get("message").asText()).as(c[0]).startsWith(c[1]);
    }
  }

  @Test
  void hostileFilterValuesAreJustValues() {
    assertThat(get("/v1/sessions?user_id=" + enc("' OR 1=1 --")).get("total").asLong()).isZero();
    assertThat(get("/v1/events?q=" + enc("%' OR '1'='1")).get("total").asLong()).isZero();
    assertThat(get("/v1/sessions?url=" + enc("%")).get("total").asLong()).as("% is a character, not a wildcard")
        .isZero();
  }

  @Test
  void aSessionAndItsEventsWithEveryFilter() {
    JsonNode session = get("/v1/sessions/q-5");
    assertThat(session.get("error_count").asLong()).isEqualTo(1);
    assertThat(session.get("has_errors").asBoolean()).isTrue();
    assertThat(server.getAsAdmin("/v1/sessions/nope").statusCode()).isEqualTo(404);

    JsonNode all = get("/v1/sessions/q-5/events");
    assertThat(all.get("total").asLong()).isEqualTo(5);
    List<Long> seqs = new ArrayList<>();
    all.get("data").forEach(e -> seqs.add(e.get("seq").asLong()));
    assertThat(seqs).isSorted();
    assertThat(all.at("/data/0/event/type").asText()).isEqualTo("session.start");
    assertThat(get("/v1/sessions/q-5/events?category=console,error").get("total").asLong()).isEqualTo(2);
    assertThat(get("/v1/sessions/q-5/events?type=network.*&type=page.view").get("total").asLong()).isEqualTo(2);
    assertThat(get("/v1/sessions/q-5/events?q=BOOM").get("total").asLong()).isEqualTo(1);
    assertThat(get("/v1/sessions/q-5/events?from=" + (T0 + 5_000_000L + 1000) + "&to=" + (T0 + 5_000_000L + 3000))
        .get("total").asLong()).isEqualTo(2);
    long second = seqs.get(1);
    assertThat(get("/v1/sessions/q-5/events?after_seq=" + second).get("data")).hasSize(3);
    JsonNode page = get("/v1/sessions/q-5/events?limit=2");
    assertThat(page.get("next_cursor").asText()).isEqualTo(String.valueOf(seqs.get(1)));
    assertThat(get("/v1/sessions/q-5/events?limit=2&cursor=" + page.get("next_cursor").asText()).at("/data/0/seq")
        .asLong()).isEqualTo(seqs.get(2));
  }

  @Test
  void eventsAcrossSessions() {
    assertThat(get("/v1/events?type=error.uncaught").get("total").asLong()).isEqualTo(6);
    assertThat(get("/v1/events?session_id=q-7&category=network").get("total").asLong()).isEqualTo(1);
  }

  @Test
  void screenshotsAreListedAndServedAsImages() {
    JsonNode list = get("/v1/sessions/q-1/screenshots");
    assertThat(list.get("total").asLong()).isEqualTo(1);
    assertThat(list.at("/data/0/screenshot_id").asLong()).isEqualTo(screenshotId);
    assertThat(list.at("/data/0/width").asInt()).isEqualTo(64);

    HttpResponse<byte[]> image;
    try {
      image = server.http.send(HttpRequest.newBuilder(URI.create(server.url("/v1/screenshots/" + screenshotId)))
          .header("Authorization", "Bearer " + TestServer.ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(image.body()[1]).isEqualTo((byte) 'P');
    assertThat(server.getAsAdmin("/v1/screenshots/999999").statusCode()).isEqualTo(404);
    assertThat(server.getAsAdmin("/v1/screenshots/..%2F..%2Fetc").statusCode()).isEqualTo(404);
  }

  @Test
  void aSessionExportsAsHar() {
    HttpResponse<String> r = server.getAsAdmin("/v1/sessions/q-3/har");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("loupe-q-3.har");
    JsonNode har = Json.parse(r.body());
    assertThat(har.at("/log/version").asText()).isEqualTo("1.2");
    assertThat(har.at("/log/pages/0/title").asText()).isEqualTo("https://shop.example/p/3");
    assertThat(har.at("/log/entries/0/request/url").asText()).isEqualTo("https://api.example/items/3");
    assertThat(har.at("/log/entries/0/pageref").asText()).isEqualTo("page_1");
    assertThat(server.getAsAdmin("/v1/har").statusCode()).as("a range is required").isEqualTo(400);
    assertThat(Json.parse(server.getAsAdmin("/v1/har?from=" + T0 + "&to=" + (T0 + 2_000_000L * 1000)).body())
        .at("/log/entries")).hasSize(30);
  }

  @Test
  void seed002ReadRoutesAnswerInTheirOwnShapes() {
    JsonNode list = get("/api/v1/sessions?limit=5&offset=10");
    assertThat(list.get("total").asLong()).isEqualTo(30);
    assertThat(list.get("limit").asInt()).isEqualTo(5);
    assertThat(list.get("offset").asInt()).isEqualTo(10);
    assertThat(list.get("data")).hasSize(5);
    assertThat(list.at("/data/0/started_at").asText()).endsWith("Z");

    JsonNode session = get("/api/v1/sessions/q-2");
    assertThat(session.get("session_id").asText()).isEqualTo("q-2");
    assertThat(session.get("viewport_width").asInt()).isEqualTo(1280);

    JsonNode events = get("/api/v1/sessions/q-2/events?limit=2");
    assertThat(events.get("total").asLong()).isEqualTo(4);
    assertThat(events.get("data")).hasSize(2);
    assertThat(events.at("/data/1/event_type").asText()).isEqualTo("view");
    assertThat(events.at("/data/1/timestamp").asText()).isEqualTo("2026-11-23T12:00:02Z");

    JsonNode shots = get("/api/v1/sessions/q-1/screenshots");
    assertThat(shots.at("/data/0/image_data").asText()).startsWith("data:image/png;base64,");
  }
}
