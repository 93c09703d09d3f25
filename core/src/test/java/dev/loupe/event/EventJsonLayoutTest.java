package dev.loupe.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class EventJsonLayoutTest {
  static String part(byte[] json, int[] r, int field) {
    return r[2 * field] < 0 ? null : new String(json, r[2 * field], r[2 * field + 1] - r[2 * field], StandardCharsets.UTF_8);
  }

  @Test
  void findsTopLevelValuesButNotNestedOnesOfTheSameName() throws Exception {
    Event e = EventRules.event(1_795_435_200_000_000L, "custom.x", null, null, "s", "https://a/?q=\"data\":{",
        new Source(SourceKind.PAGE, "n", null, (com.fasterxml.jackson.databind.node.ObjectNode) EventJson.mapper()
            .readTree("{\"data\": {\"x\": \"}\"}, \"q\": \"\\\\\"}")),
        (com.fasterxml.jackson.databind.node.ObjectNode) EventJson.mapper().readTree("{\"data\": [1, {\"source\": 2}]}"),
        false);
    byte[] json = EventCodec.encode(e);

    int[] r = EventJsonLayout.valueRanges(json, "source", "data", "missing");

    assertThat(EventJson.mapper().readTree(part(json, r, 0))).isEqualTo(EventJson.mapper().valueToTree(
        EventJson.mapper().readTree(EventCodec.encode(e)).get("source")));
    assertThat(part(json, r, 1)).isEqualTo("{\"data\":[1,{\"source\":2}]}");
    assertThat(part(json, r, 2)).isNull();
  }

  @Property(tries = 300)
  void agreesWithAParserOnAnyData(@ForAll String text, @ForAll int number) throws Exception {
    var data = EventJson.nodes().objectNode().put("text", text).put("n", number);
    data.putArray("list").add(text).addObject().put("{", "}");
    Event e = EventRules.event(1_795_435_200_000_000L, "custom.x", null, null, null, text.isEmpty() ? null : "u" + text,
        Source.of(SourceKind.PAGE, text.length() > 200 ? null : text), data, false);
    byte[] json = EventCodec.encode(e);

    int[] r = EventJsonLayout.valueRanges(json, "source", "data");
    JsonNode parsed = EventJson.mapper().readTree(json);

    assertThat(EventJson.mapper().readTree(part(json, r, 0))).isEqualTo(parsed.get("source"));
    assertThat(EventJson.mapper().readTree(part(json, r, 1))).isEqualTo(parsed.get("data"));
  }
}
