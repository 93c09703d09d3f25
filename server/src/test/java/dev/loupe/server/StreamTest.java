package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.drop.DropReason;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamTest {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, dev.loupe.time.Clock.system(), c -> c.streamMaxLag(200));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static long post(String... events) {
    HttpResponse<String> r = server.ingestJson("/v1/events", "[" + String.join(",", events) + "]");
    assertThat(r.statusCode()).isEqualTo(202);
    return Json.parse(r.body()).get("last_seq").asLong();
  }

  static String console(String session, String message) {
    return "{\"type\": \"console.log\", \"session_id\": \"" + session + "\", \"data\": {\"message\": \"" + message
        + "\"}}";
  }

  @Test
  void aStreamNeedsCredentials() {
    assertThat(server.get("/v1/stream").statusCode()).isEqualTo(401);
    assertThat(server.get("/v1/stream?token=lp_stream_forged").statusCode()).isEqualTo(401);
  }

  @Test
  void resumingAfterASeqGetsExactlyTheMissedEventsThenLiveOnes() throws Exception {
    long last = post(console("r1", "a"), console("r1", "b"), console("r1", "c"), console("r1", "d"));
    long resumeAfter = last - 2;
    try (SseClient sse = new SseClient(server, "/v1/stream?session_id=r1&after_seq=" + resumeAfter)) {
      assertThat(sse.response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
      List<SseClient.Frame> missed = sse.take(2, Duration.ofSeconds(10));
      assertThat(missed).extracting(SseClient.Frame::id).containsExactly(String.valueOf(last - 1), String.valueOf(last));
      JsonNode envelope = Json.parse(missed.get(1).data());
      assertThat(envelope.get("seq").asLong()).isEqualTo(last);
      assertThat(envelope.at("/event/data/message").asText()).isEqualTo("d");

      long next = post(console("r1", "e"));
      assertThat(sse.take(1, Duration.ofSeconds(10)).get(0).id()).isEqualTo(String.valueOf(next));
    }
  }

  @Test
  void lastEventIdResumesLikeAfterSeq() throws Exception {
    long last = post(console("r2", "x"), console("r2", "y"));
    try (SseClient sse = new SseClient(server, "/v1/stream?session_id=r2", "Last-Event-ID", String.valueOf(last - 1))) {
      assertThat(sse.take(1, Duration.ofSeconds(10)).get(0).id()).isEqualTo(String.valueOf(last));
    }
  }

  @Test
  void selectorsFilterByCategoryTypeGlobSourceAndSession() throws Exception {
    try (SseClient sse = new SseClient(server,
        "/v1/stream?type=network.*&type=error.uncaught&source_kind=page&session_id=f1,f2")) {
      sse.nextIncludingComments();
      post(console("f1", "no"),
          "{\"type\": \"network.request\", \"session_id\": \"f1\", \"data\": {\"url\": \"https://a/\"}}",
          "{\"type\": \"network.request\", \"session_id\": \"other\"}",
          "{\"type\": \"error.uncaught\", \"session_id\": \"f2\", \"data\": {\"message\": \"boom\"}}",
          "{\"type\": \"network.resource\", \"session_id\": \"f2\", \"source\": {\"kind\": \"cdp\"}}");
      List<SseClient.Frame> frames = sse.take(2, Duration.ofSeconds(10));
      assertThat(frames).extracting(f -> Json.parse(f.data()).at("/event/type").asText())
          .containsExactly("network.request", "error.uncaught");
    }
    assertThat(server.get("/v1/stream?category=nope").statusCode()).isIn(400, 401);
    assertThat(server.getAsAdmin("/v1/stream?category=nope").statusCode()).isEqualTo(400);
    assertThat(Json.parse(server.getAsAdmin("/v1/stream?type=a%20b").body()).get("message").asText())
        .startsWith("type:");
  }

  @Test
  void aSubscriberThatStopsReadingGetsAGapFrameAndThenContinues() throws Exception {
    long before = server.server.drops().count(DropReason.SUBSCRIBER_OVERFLOW);
    try (SseClient sse = new SseClient(server, "/v1/stream?session_id=slow,slow-tail")) {
      sse.nextIncludingComments();
      String big = "x".repeat(900);
      StringBuilder batch = new StringBuilder();
      for (int i = 0; i < 1000; i++) {
        batch.append(i == 0 ? "" : ",").append(console("slow", big));
      }
      for (int b = 0; b < 30; b++) {
        assertThat(server.ingestJson("/v1/events", "[" + batch + "]").statusCode()).isEqualTo(202);
      }
      long tail = post(console("slow-tail", "after"));

      boolean sawGap = false;
      SseClient.Frame f;
      do {
        f = sse.next();
        if ("gap".equals(f.event())) {
          JsonNode gap = Json.parse(f.data());
          assertThat(gap.get("reason").asText()).isEqualTo("subscriber_overflow");
          assertThat(gap.get("count").asLong()).isEqualTo(gap.get("to").asLong() - gap.get("from").asLong() + 1);
          sawGap = true;
        }
      } while (!String.valueOf(tail).equals(f.id()));
      assertThat(sawGap).isTrue();
    }
    assertThat(server.server.drops().count(DropReason.SUBSCRIBER_OVERFLOW)).isGreaterThan(before);
    assertThat(server.ingestJson("/v1/events", "[" + console("x", "y") + "]").statusCode())
        .as("ingest was never slowed to a stop").isEqualTo(202);
  }

  @Test
  void aBrowserCanOpenTheStreamWithAShortLivedToken() throws Exception {
    String token = Json.parse(server.send(HttpRequest.newBuilder(URI.create(server.url("/v1/stream/token")))
        .header("Authorization", "Bearer " + TestServer.ADMIN_KEY).POST(HttpRequest.BodyPublishers.noBody())).body())
        .get("token").asText();
    HttpResponse<java.io.InputStream> r = server.http.send(HttpRequest.newBuilder(
        URI.create(server.url("/v1/stream?token=" + token))).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    r.body().close();
  }

  @Test
  void theWebSocketStreamChangesSelectorsWithoutReconnecting() throws Exception {
    String token = Json.parse(server.send(HttpRequest.newBuilder(URI.create(server.url("/v1/stream/token")))
        .header("Authorization", "Bearer " + TestServer.ADMIN_KEY).POST(HttpRequest.BodyPublishers.noBody())).body())
        .get("token").asText();
    LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    WebSocket ws = server.http.newWebSocketBuilder().buildAsync(
        URI.create(server.url("/v1/stream/ws?session_id=w1&token=" + token).replace("http:", "ws:")),
        new WebSocket.Listener() {
          final StringBuilder partial = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              messages.add(partial.toString());
              partial.setLength(0);
            }
            webSocket.request(1);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    assertThat(messages.poll(10, TimeUnit.SECONDS)).contains("subscribed");

    post(console("w2", "not yet"), console("w1", "one"));
    assertThat(Json.parse(messages.poll(10, TimeUnit.SECONDS)).at("/event/data/message").asText()).isEqualTo("one");

    ws.sendText("{\"op\": \"subscribe\", \"selectors\": {\"session_id\": [\"w2\"]}}", true).get(5, TimeUnit.SECONDS);
    assertThat(messages.poll(10, TimeUnit.SECONDS)).contains("subscribed");
    post(console("w1", "ignored now"), console("w2", "two"));
    assertThat(Json.parse(messages.poll(10, TimeUnit.SECONDS)).at("/event/data/message").asText()).isEqualTo("two");

    ws.sendText("{\"op\": \"dance\"}", true).get(5, TimeUnit.SECONDS);
    assertThat(Json.parse(messages.poll(10, TimeUnit.SECONDS)).get("error").asText()).isEqualTo("bad_parameter");
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
  }

  @Test
  void aWebSocketWithoutATokenIsClosed() throws Exception {
    LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    server.http.newWebSocketBuilder().buildAsync(URI.create(server.url("/v1/stream/ws").replace("http:", "ws:")),
        new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            messages.add(data.toString());
            webSocket.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            messages.add("closed " + statusCode);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    assertThat(messages.poll(10, TimeUnit.SECONDS)).contains("unauthorized");
    assertThat(messages.poll(10, TimeUnit.SECONDS)).isEqualTo("closed 1008");
  }
}
