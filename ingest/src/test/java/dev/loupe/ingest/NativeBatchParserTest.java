package dev.loupe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.event.Event;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NativeBatchParserTest {
  static final long NOW = 1_795_435_200_000_000L;
  final NativeBatchParser parser = new NativeBatchParser(1000);

  ParsedBatch parse(String body, BodyFormat format) {
    return parser.parse(body.getBytes(StandardCharsets.UTF_8), format, NOW);
  }

  static final String GOOD = "{\"type\": \"console.log\", \"session_id\": \"s1\", \"data\": {\"message\": \"hi\"}}";

  @Test
  void aBatchObjectsSessionBecomesASessionStartPlacedFirst() {
    ParsedBatch b = parse("""
        {"events": [%s, {"type": "page.view", "session_id": "s1", "ts": 1795435100000000}],
         "session": {"user_agent": "Mozilla/5.0", "screen_width": 1920, "page_url": "https://shop.example/"}}
        """.formatted(GOOD), BodyFormat.JSON);

    assertThat(b.rejected()).isEmpty();
    assertThat(b.events()).extracting(Event::type).containsExactly("session.start", "console.log", "page.view");
    Event start = b.events().get(0);
    assertThat(start.sessionId()).isEqualTo("s1");
    assertThat(start.ts()).isEqualTo(1795435100000000L);
    assertThat(start.url()).isEqualTo("https://shop.example/");
    assertThat(start.data().get("screen_width").asInt()).isEqualTo(1920);
  }

  @Test
  void goodEventsOfAMixedBatchAreKeptAndBadOnesReportedByIndex() {
    ParsedBatch b = parse("[%s, {\"type\": \"console.eror\"}, %s, {\"type\": \"network.request\", \"data\": 3}]"
        .formatted(GOOD, GOOD), BodyFormat.JSON);

    assertThat(b.events()).hasSize(2);
    assertThat(b.rejected()).extracting(Rejection::index).containsExactly(1, 3);
    assertThat(b.rejected().get(0).field()).isEqualTo("events[1].type");
    assertThat(b.rejected().get(1).error()).isEqualTo("events[3].data: must be a JSON object");
  }

  @Test
  void ndjsonLinesStandAloneSoABrokenLineOnlyLosesItself() {
    ParsedBatch b = parse(GOOD + "\n{\"type\": \"console.log\", \n" + GOOD + "\r\n\n", BodyFormat.NDJSON);

    assertThat(b.events()).hasSize(2);
    assertThat(b.rejected()).singleElement().satisfies(r -> {
      assertThat(r.index()).isEqualTo(1);
      assertThat(r.error()).startsWith("events[1]: malformed JSON");
    });
  }

  @Test
  void plainTextBeaconsAreSniffedAsJsonOrNdjson() {
    assertThat(parse("{\"events\": [" + GOOD + "]}", BodyFormat.SNIFF).events()).hasSize(1);
    assertThat(parse("[" + GOOD + "," + GOOD + "]", BodyFormat.SNIFF).events()).hasSize(2);
    assertThat(parse(GOOD + "\n" + GOOD, BodyFormat.SNIFF).events()).hasSize(2);
    assertThat(parse("\uFEFF" + GOOD, BodyFormat.SNIFF).events()).as("a byte order mark is fine").hasSize(1);
  }

  @Test
  void unparseableJsonIsRefusedWholeWithItsPosition() {
    assertThatThrownBy(() -> parse("[" + GOOD + ", {\"type\": ]", BodyFormat.JSON))
        .isInstanceOfSatisfying(IngestRefusal.class, e -> {
          assertThat(e.kind()).isEqualTo(IngestRefusal.Kind.MALFORMED_JSON);
          assertThat(e.getMessage()).contains("line 1, column");
        });
    assertThatThrownBy(() -> parse("", BodyFormat.JSON)).hasMessageContaining("empty");
    assertThatThrownBy(() -> parse("42", BodyFormat.JSON)).isInstanceOf(IngestRefusal.class);
    assertThatThrownBy(() -> parse("{\"events\": 3}", BodyFormat.JSON)).hasMessage("events: must be an array of events");
  }

  @Test
  void invalidUtf8IsAClearError() {
    byte[] body = "[{\"type\": \"console.log\", \"data\": {\"m\": \"x\"}}]".getBytes(StandardCharsets.UTF_8);
    body[body.length - 5] = (byte) 0xC3;
    assertThatThrownBy(() -> parser.parse(body, BodyFormat.JSON, NOW))
        .isInstanceOfSatisfying(IngestRefusal.class,
            e -> assertThat(e.kind()).isEqualTo(IngestRefusal.Kind.MALFORMED_JSON))
        .hasMessageContaining("UTF-8");
  }

  @Test
  void deepNestingIsRefusedNotAStackOverflow() {
    String deep = "[" + "{\"type\": \"custom.x\", \"data\": {\"a\": " + "[".repeat(5000) + "]".repeat(5000) + "}}]";
    assertThatThrownBy(() -> parse(deep, BodyFormat.JSON))
        .isInstanceOfSatisfying(IngestRefusal.class,
            e -> assertThat(e.kind()).isEqualTo(IngestRefusal.Kind.MALFORMED_JSON))
        .hasMessageContaining("nesting depth");
  }

  @Test
  void moreEventsThanTheLimitAreRefused() {
    NativeBatchParser small = new NativeBatchParser(2);
    assertThatThrownBy(() -> small.parse(("[" + GOOD + "," + GOOD + "," + GOOD + "]").getBytes(), BodyFormat.JSON, NOW))
        .isInstanceOfSatisfying(IngestRefusal.class, e -> {
          assertThat(e.kind()).isEqualTo(IngestRefusal.Kind.TOO_LARGE);
          assertThat(e.getMessage()).contains("at most 2 events");
        });
  }

  @Test
  void aSessionWithoutAnyIdIsRefused() {
    assertThatThrownBy(() -> parse("{\"session\": {\"browser\": \"Chrome\"}, \"events\": [{\"type\": \"console.log\"}]}",
        BodyFormat.JSON)).hasMessageContaining("session.session_id");
  }

  @Test
  void aBatchIdIsReadAndABadOneRefusedNamingTheField() {
    assertThat(parse("{\"batch\": \"0f6e2c1a-9b7d-4e8f-a1b2-c3d4e5f60718\", \"events\": [" + GOOD + "]}", BodyFormat.JSON)
        .batch()).isEqualTo("0f6e2c1a-9b7d-4e8f-a1b2-c3d4e5f60718");
    assertThat(parse("{\"events\": [" + GOOD + "]}", BodyFormat.JSON).batch()).isNull();
    assertThat(parse("[" + GOOD + "]", BodyFormat.JSON).batch()).isNull();

    for (String bad : new String[] {"7", "\"\"", "\"a b\"", "\"" + "x".repeat(65) + "\"", "{}"}) {
      assertThatThrownBy(() -> parse("{\"batch\": " + bad + ", \"events\": [" + GOOD + "]}", BodyFormat.JSON))
          .isInstanceOfSatisfying(IngestRefusal.class, e -> {
            assertThat(e.kind()).isEqualTo(IngestRefusal.Kind.INVALID);
            assertThat(e.field()).isEqualTo("batch");
            assertThat(e.getMessage()).contains("1 to 64");
          });
    }
  }
}
