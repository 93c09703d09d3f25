package dev.loupe.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class EventTruncatorTest {
  final EventTruncator truncator = new EventTruncator(FieldLimits.defaults());

  static Event event(String type, ObjectNode data) {
    return EventRules.event(1_795_435_200_000_000L, type, null, null, "s1", "https://a.example/",
        Source.of(SourceKind.PAGE, "test"), data, false);
  }

  static ObjectNode data() {
    return EventJson.nodes().objectNode();
  }

  @Test
  void anEventWithinItsLimitsIsUntouched() {
    Event e = event("console.log", data().put("message", "hello"));

    EncodedEvent out = truncator.apply(e, "default");

    assertThat(out.event()).isSameAs(e);
    assertThat(out.event().truncated()).isFalse();
    assertThat(EventCodec.decode(out.json())).isEqualTo(e);
  }

  @Test
  void consoleArgumentsAreCutToOneKilobyteWithAVisibleMarker() {
    ObjectNode d = data();
    d.putArray("args").add("x".repeat(5000)).add(3);

    Event out = truncator.apply(event("console.log", d), "default").event();

    String arg = out.data().get("args").get(0).textValue();
    assertThat(Utf8Cut.length(arg)).isLessThanOrEqualTo(1024);
    assertThat(arg).startsWith("xxxx").endsWith("bytes]").contains("…[truncated ");
    assertThat(out.data().get("args").get(1).asInt()).isEqualTo(3);
    assertThat(out.truncated()).isTrue();
  }

  @Test
  void aStructuredConsoleArgumentOverTheLimitBecomesItsCutJsonText() {
    ObjectNode d = data();
    ObjectNode big = d.putArray("args").addObject();
    for (int i = 0; i < 200; i++) {
      big.put("key" + i, "value" + i);
    }

    Event out = truncator.apply(event("console.log", d), "default").event();

    assertThat(out.data().get("args").get(0).textValue()).startsWith("{\"key0\":\"value0\"").contains("truncated");
  }

  @Test
  void aConsoleEntryIsCutToTenKilobytesLongestStringsFirst() {
    ObjectNode d = data().put("message", "m".repeat(30_000)).put("short", "keep me");

    Event out = truncator.apply(event("console.log", d), "default").event();

    assertThat(JsonSize.of(out.data())).isLessThanOrEqualTo(10 * 1024);
    assertThat(out.data().get("short").textValue()).isEqualTo("keep me");
  }

  @Test
  void stacksBodiesPreviewsAndWholeActionAndPerformanceDataHaveTheirOwnLimits() {
    assertThat(Utf8Cut.length(truncator.apply(event("error.uncaught", data().put("stack", "s".repeat(9000))),
        "default").event().data().get("stack").textValue())).isLessThanOrEqualTo(5 * 1024);
    // Bodies near their limits only fit in records larger than the default 1 MB.
    EventTruncator roomy = new EventTruncator(FieldLimits.defaults().withMaxRecordBytes(8 << 20));
    ObjectNode bodies = data().put("request_body", "b".repeat(2 << 20)).put("response_body", "r".repeat(6 << 20));
    Event network = roomy.apply(event("network.request", bodies), "default").event();
    assertThat(Utf8Cut.length(network.data().get("request_body").textValue())).isLessThanOrEqualTo(1 << 20);
    assertThat(Utf8Cut.length(network.data().get("response_body").textValue())).isLessThanOrEqualTo(5 << 20);
    assertThat(Utf8Cut.length(truncator.apply(event("websocket.message", data().put("preview", "p".repeat(3000))),
        "default").event().data().get("preview").textValue())).isLessThanOrEqualTo(1024);
    assertThat(JsonSize.of(truncator.apply(event("action.click", data().put("text", "t".repeat(9000))),
        "default").event().data())).isLessThanOrEqualTo(2048);
    assertThat(JsonSize.of(truncator.apply(event("performance.lcp", data().put("element", "e".repeat(9000))),
        "default").event().data())).isLessThanOrEqualTo(1024);
  }

  @Test
  void aRecordOverOneMegabyteKeepsItsEnvelopeAndLosesItsData() {
    Event e = event("custom.upload", data().put("blob", "z".repeat(2 << 20)));

    EncodedEvent out = truncator.apply(e, "default");

    assertThat(out.event().data()).isNull();
    assertThat(out.event().truncated()).isTrue();
    assertThat(out.event().type()).isEqualTo("custom.upload");
    assertThat(out.event().sessionId()).isEqualTo("s1");
    assertThat(out.json().length).isLessThan(1024);
    assertThat(new String(out.json(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"data\":null");
  }

  @Test
  void longUrlsAndMetadataAreCut() {
    Event e = event("page.view", data()).withUrl("https://a.example/?q=" + "u".repeat(20_000));
    ObjectNode meta = data();
    meta.put("blob", "m".repeat(10_000));
    e = new Event(e.ts(), e.type(), e.category(), e.detailLevel(), e.sessionId(), e.url(),
        new Source(SourceKind.PAGE, "x", null, meta), e.data(), false);

    Event out = truncator.apply(e, "default").event();

    assertThat(Utf8Cut.length(out.url())).isLessThanOrEqualTo(8 * 1024);
    assertThat(out.source().metadata().get("_truncated").asText()).contains("4096");
  }
}
