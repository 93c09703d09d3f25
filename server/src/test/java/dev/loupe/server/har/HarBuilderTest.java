package dev.loupe.server.har;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.event.Envelope;
import dev.loupe.event.Event;
import dev.loupe.event.EventCodec;
import dev.loupe.event.EventJson;
import dev.loupe.event.EventRules;
import dev.loupe.event.Source;
import dev.loupe.event.SourceKind;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarBuilderTest {
  static final long T0 = 1_795_435_200_000_000L;
  final List<Envelope> events = new ArrayList<>();

  void add(long ts, String type, String data) throws Exception {
    add("s1", ts, type, data);
  }

  void add(String sessionId, long ts, String type, String data) throws Exception {
    Event e = EventRules.event(ts, type, null, null, sessionId, "https://shop.example/",
        Source.of(SourceKind.PAGE, "loupe-sdk/0.1.0"), (ObjectNode) EventJson.mapper().readTree(data), false);
    events.add(new Envelope(events.size() + 1, ts, "default", e, EventCodec.encode(e)));
  }

  JsonNode har() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = EventJson.factory().createGenerator(out)) {
      new HarBuilder("0.1.0").write(events, g);
    }
    return EventJson.mapper().readTree(out.toByteArray());
  }

  @Test
  void pagesRequestsAndWebSocketsBecomeAHarLog() throws Exception {
    add(T0, "page.view", "{\"url\": \"https://shop.example/\", \"title\": \"Shop\"}");
    add(T0 + 300_000, "network.request", """
        {"method": "POST", "url": "https://api.shop.example/cart?x=1&y=two%%20words", "status": 201,
         "status_text": "Created", "duration_ms": 120, "started_at": %d, "initiator": "fetch",
         "request_headers": {"content-type": "application/json"}, "request_body": "{\\"sku\\": 1}",
         "response_headers": {"content-type": "application/json"}, "response_body": "{\\"ok\\": true}",
         "timing": {"dns_ms": 5, "connect_ms": 10, "tls_ms": 4, "ttfb_ms": 80, "download_ms": 5}}
        """.formatted(T0 + 200_000));
    add(T0 + 500_000, "websocket.open", "{\"url\": \"wss://live.shop.example/\", \"connection_id\": \"c1\"}");
    add(T0 + 600_000, "websocket.message",
        "{\"url\": \"wss://live.shop.example/\", \"connection_id\": \"c1\", \"direction\": \"sent\", \"size\": 5, \"binary\": false, \"preview\": \"hello\"}");
    add(T0 + 700_000, "websocket.message",
        "{\"url\": \"wss://live.shop.example/\", \"connection_id\": \"c1\", \"direction\": \"received\", \"size\": 9, \"binary\": true}");
    add(T0 + 800_000, "console.log", "{\"message\": \"not in a HAR\"}");

    JsonNode log = har().get("log");

    assertThat(log.get("version").asText()).isEqualTo("1.2");
    assertThat(log.at("/creator/name").asText()).isEqualTo("Loupe");
    assertThat(log.at("/pages/0/id").asText()).isEqualTo("page_1");
    assertThat(log.at("/pages/0/title").asText()).isEqualTo("Shop");
    assertThat(log.get("entries")).hasSize(2);
    JsonNode request = log.at("/entries/0");
    assertThat(request.get("pageref").asText()).isEqualTo("page_1");
    assertThat(request.get("startedDateTime").asText()).isEqualTo("2026-11-23T12:00:00.200Z");
    assertThat(request.at("/request/method").asText()).isEqualTo("POST");
    assertThat(request.at("/request/queryString/1/value").asText()).isEqualTo("two words");
    assertThat(request.at("/request/postData/text").asText()).isEqualTo("{\"sku\": 1}");
    assertThat(request.at("/response/status").asInt()).isEqualTo(201);
    assertThat(request.at("/response/content/mimeType").asText()).isEqualTo("application/json");
    assertThat(request.at("/response/content/text").asText()).isEqualTo("{\"ok\": true}");
    JsonNode timings = request.get("timings");
    double sum = 0;
    for (String phase : List.of("blocked", "dns", "connect", "send", "wait", "receive")) {
      sum += Math.max(0, timings.get(phase).asDouble());
    }
    assertThat(request.get("time").asDouble()).isEqualTo(sum).isEqualTo(120.0);
    assertThat(timings.get("ssl").asDouble()).isEqualTo(4.0);

    JsonNode socket = log.at("/entries/1");
    assertThat(socket.get("_resourceType").asText()).isEqualTo("websocket");
    assertThat(socket.at("/response/status").asInt()).isEqualTo(101);
    assertThat(socket.get("_webSocketMessages")).hasSize(2);
    assertThat(socket.at("/_webSocketMessages/0/type").asText()).isEqualTo("send");
    assertThat(socket.at("/_webSocketMessages/0/data").asText()).isEqualTo("hello");
    assertThat(socket.at("/_webSocketMessages/1/opcode").asInt()).isEqualTo(2);
  }

  @Test
  void resourceTimingFillsPhasesWhenTheRequestHasNone() throws Exception {
    add(T0, "network.request", "{\"url\": \"https://cdn.example/app.js\", \"status\": 200, \"duration_ms\": 50}");
    add(T0 + 1000, "network.resource", "{\"url\": \"https://cdn.example/app.js\", \"duration_ms\": 50,"
        + " \"timing\": {\"dns_ms\": 0, \"connect_ms\": 0, \"ttfb_ms\": 30, \"download_ms\": 20}}");

    JsonNode entry = har().at("/log/entries/0");

    assertThat(entry.at("/timings/wait").asDouble()).isEqualTo(30.0);
    assertThat(entry.at("/timings/receive").asDouble()).isEqualTo(20.0);
    assertThat(entry.get("time").asDouble()).isEqualTo(50.0);
  }

  @Test
  void withoutAnyTimingTheWholeDurationIsWaiting() throws Exception {
    add(T0, "network.request", "{\"url\": \"https://a.example/\", \"status\": 0, \"duration_ms\": 17, \"error\": \"Failed to fetch\"}");

    JsonNode entry = har().at("/log/entries/0");

    assertThat(entry.at("/timings/wait").asDouble()).isEqualTo(17.0);
    assertThat(entry.at("/timings/dns").asDouble()).isEqualTo(-1.0);
    assertThat(entry.at("/response/_error").asText()).isEqualTo("Failed to fetch");
    assertThat(har().at("/log/pages")).isEmpty();
  }

  @Test
  void concurrentSessionsKeepTheirOwnPagesSocketsAndTimings() throws Exception {
    add("a", T0, "page.view", "{\"url\": \"https://shop.example/a\", \"title\": \"A\"}");
    add("b", T0 + 100_000, "page.view", "{\"url\": \"https://shop.example/b\", \"title\": \"B\"}");
    add("a", T0 + 200_000, "network.request", "{\"url\": \"https://cdn.example/app.js\", \"status\": 200, \"duration_ms\": 50}");
    add("b", T0 + 201_000, "network.resource", "{\"url\": \"https://cdn.example/app.js\", \"duration_ms\": 50,"
        + " \"timing\": {\"ttfb_ms\": 30, \"download_ms\": 20}}");
    add("a", T0 + 300_000, "websocket.message",
        "{\"url\": \"wss://live.example/\", \"connection_id\": \"1\", \"direction\": \"sent\", \"size\": 1, \"binary\": false, \"preview\": \"a\"}");
    add("b", T0 + 400_000, "websocket.message",
        "{\"url\": \"wss://live.example/\", \"connection_id\": \"1\", \"direction\": \"sent\", \"size\": 1, \"binary\": false, \"preview\": \"b\"}");

    JsonNode log = har().get("log");

    assertThat(log.get("entries")).hasSize(3);
    JsonNode request = log.at("/entries/0");
    assertThat(request.get("pageref").asText()).as("a's request, after b's page opened").isEqualTo("page_1");
    assertThat(request.at("/timings/wait").asDouble()).as("b's resource timing is not a's").isEqualTo(50.0);
    assertThat(log.at("/entries/1/pageref").asText()).isEqualTo("page_1");
    assertThat(log.at("/entries/1/_webSocketMessages")).hasSize(1);
    assertThat(log.at("/entries/1/_webSocketMessages/0/data").asText()).isEqualTo("a");
    assertThat(log.at("/entries/2/pageref").asText()).isEqualTo("page_2");
    assertThat(log.at("/entries/2/_webSocketMessages/0/data").asText()).isEqualTo("b");
  }
}
