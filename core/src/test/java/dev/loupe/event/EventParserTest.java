package dev.loupe.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class EventParserTest {
  static final long NOW = 1_795_435_200_000_000L;
  static final Source DEFAULT_SOURCE = Source.of(SourceKind.PAGE, null);

  static EventParser.Result parse(String json) throws IOException {
    try (JsonParser p = EventJson.factory().createParser(json)) {
      p.nextToken();
      EventParser.Result r = EventParser.read(p, NOW, DEFAULT_SOURCE);
      assertThat(p.nextToken()).as("the whole object was consumed").isNull();
      return r;
    }
  }

  static Violation violation(String json) throws IOException {
    EventParser.Result r = parse(json);
    assertThat(r.ok()).as("expected a violation for %s", json).isFalse();
    return r.violation();
  }

  @Test
  void aCompleteEventIsReadWithEveryField() throws IOException {
    EventParser.Result r = parse("""
        {"ts": 1795435200120000, "type": "network.request", "category": "network", "detail_level": "verbose",
         "session_id": "5f0c-1", "url": "https://shop.example/checkout",
         "source": {"kind": "cdp", "name": "loupe-cdp/0.1", "event": "Network.responseReceived", "metadata": {"tab_id": 3}},
         "data": {"method": "POST", "status": 200}, "truncated": true, "unknown_field": [1, 2]}
        """);

    Event e = r.event();
    assertThat(e.ts()).isEqualTo(1795435200120000L);
    assertThat(e.type()).isEqualTo("network.request");
    assertThat(e.category()).isEqualTo(Category.NETWORK);
    assertThat(e.detailLevel()).isEqualTo(DetailLevel.VERBOSE);
    assertThat(e.sessionId()).isEqualTo("5f0c-1");
    assertThat(e.source()).isEqualTo(new Source(SourceKind.CDP, "loupe-cdp/0.1", "Network.responseReceived",
        (com.fasterxml.jackson.databind.node.ObjectNode) EventJson.mapper().createObjectNode().put("tab_id", 3)));
    assertThat(e.data().get("status").asInt()).isEqualTo(200);
    assertThat(e.truncated()).isTrue();
  }

  @Test
  void theCategoryIsDerivedFromTheTypeAndDefaultsFillTheRest() throws IOException {
    Event e = parse("{\"type\": \"console.warn\"}").event();

    assertThat(e.category()).isEqualTo(Category.CONSOLE);
    assertThat(e.ts()).isEqualTo(NOW);
    assertThat(e.detailLevel()).isEqualTo(DetailLevel.STANDARD);
    assertThat(e.source()).isEqualTo(DEFAULT_SOURCE);
    assertThat(e.data()).isEmpty();
  }

  @Test
  void aCategoryThatDisagreesWithTheTypeIsRefusedNamingBoth() throws IOException {
    Violation v = violation("{\"type\": \"console.log\", \"category\": \"network\"}");

    assertThat(v.field()).isEqualTo("category");
    assertThat(v.rule()).contains("'network'").contains("'console'");
  }

  @Test
  void typesAreCheckedForFormPrefixAndVocabulary() throws IOException {
    assertThat(violation("{}").field()).isEqualTo("type");
    assertThat(violation("{\"type\": \"Console.Log\"}").rule()).contains("dotted lowercase");
    assertThat(violation("{\"type\": \"clicks.button\"}").rule()).contains("not a category");
    assertThat(violation("{\"type\": \"console.eror\"}").rule())
        .contains("'console.eror' is not a console type").contains("log, info, warn, error, debug");
    assertThat(parse("{\"type\": \"custom.checkout.completed\"}").ok()).isTrue();
  }

  @Test
  void timestampsInTheWrongUnitAreRefusedWithAHint() throws IOException {
    assertThat(violation("{\"type\": \"console.log\", \"ts\": 1795435200120}").rule()).contains("milliseconds");
    assertThat(violation("{\"type\": \"console.log\", \"ts\": 1795435200}").rule()).contains("seconds");
    assertThat(violation("{\"type\": \"console.log\", \"ts\": 1795435200120000000}").rule()).contains("nanoseconds");
    assertThat(violation("{\"type\": \"console.log\", \"ts\": \"yesterday\"}").field()).isEqualTo("ts");
    assertThat(violation("{\"type\": \"console.log\", \"ts\": 1e400}").field()).isEqualTo("ts");
  }

  @Test
  void wrongTypesAreRefusedNamingTheField() throws IOException {
    assertThat(violation("{\"type\": \"console.log\", \"data\": [1]}").field()).isEqualTo("data");
    assertThat(violation("{\"type\": \"console.log\", \"session_id\": 42}").field()).isEqualTo("session_id");
    assertThat(violation("{\"type\": \"console.log\", \"session_id\": \"a b\"}").field()).isEqualTo("session_id");
    assertThat(violation("{\"type\": \"console.log\", \"detail_level\": \"loud\"}").field()).isEqualTo("detail_level");
    assertThat(violation("{\"type\": \"console.log\", \"source\": {\"kind\": \"robot\"}}").field())
        .isEqualTo("source.kind");
    assertThat(violation("{\"type\": \"console.log\", \"source\": {\"name\": \"x\"}}").field())
        .isEqualTo("source.kind");
    assertThat(violation("{\"type\": \"console.log\", \"source\": {\"kind\": \"page\", \"metadata\": 3}}").field())
        .isEqualTo("source.metadata");
    assertThat(violation("{\"type\": \"console.log\", \"truncated\": \"yes\"}").field()).isEqualTo("truncated");
    assertThat(violation("[1, 2]").rule()).contains("JSON object");
  }

  @Test
  void theFirstViolationIsReportedAndTheObjectStillFullyConsumed() throws IOException {
    Violation v = violation("{\"ts\": \"x\", \"type\": 5, \"data\": {\"deep\": {\"er\": [1, {\"a\": 2}]}}}");

    assertThat(v.field()).isEqualTo("ts");
  }

  @Test
  void violationsCanBePlacedUnderTheirBatchIndex() {
    assertThat(new Violation("source.kind", "is required").under("events[3]").message())
        .isEqualTo("events[3].source.kind: is required");
  }
}
