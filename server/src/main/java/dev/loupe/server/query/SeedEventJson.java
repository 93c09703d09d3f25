package dev.loupe.server.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.event.Envelope;
import dev.loupe.event.Event;
import dev.loupe.event.EventJson;
import java.io.IOException;

/**
 * An event as a seed-002 events-table row: its DOM-event columns filled from the schema's fields
 * (or from the seed's own names, when the event came in through the seed route).
 */
final class SeedEventJson {
  private SeedEventJson() {}

  static void write(JsonGenerator g, Envelope envelope) throws IOException {
    Event e = envelope.event();
    ObjectNode d = e.data();
    g.writeStartObject();
    g.writeNumberField("event_id", envelope.seq());
    g.writeStringField("session_id", e.sessionId());
    g.writeStringField("timestamp", SessionJson.iso(e.ts()));
    String eventType = e.source().name() != null && e.source().name().startsWith("compat/track") && e.source().event()
        != null ? e.source().event() : e.typeName();
    g.writeStringField("event_type", eventType);
    text(g, "target_element", d, "target_element", null);
    text(g, "target_selector", d, "target_selector", d == null ? null : d.path("selectors").get("css"));
    text(g, "target_tag", d, "target_tag", d == null ? null : d.get("tag"));
    text(g, "target_id", d, "target_id", null);
    text(g, "target_class", d, "target_class", null);
    g.writeStringField("page_url", e.url());
    integer(g, "viewport_x", d, "viewport_x", "x");
    integer(g, "viewport_y", d, "viewport_y", "y");
    integer(g, "screen_x", d, "screen_x", null);
    integer(g, "screen_y", d, "screen_y", null);
    integer(g, "scroll_x", d, "scroll_x", null);
    integer(g, "scroll_y", d, "scroll_y", null);
    text(g, "input_value", d, "input_value", d == null ? null : d.get("value"));
    JsonNode masked = d == null ? null : d.has("input_masked") ? d.get("input_masked") : d.get("masked");
    if (masked != null && masked.isBoolean()) {
      g.writeBooleanField("input_masked", masked.booleanValue());
    } else {
      g.writeNullField("input_masked");
    }
    text(g, "key_pressed", d, "key_pressed", d == null ? null : d.get("key"));
    integer(g, "mouse_button", d, "mouse_button", "button");
    integer(g, "click_count", d, "click_count", null);
    g.writeFieldName("event_data");
    EventJson.mapper().writeTree(g, d == null ? EventJson.nodes().nullNode() : d);
    g.writeEndObject();
  }

  private static void text(JsonGenerator g, String column, ObjectNode d, String seedField, JsonNode fallback)
      throws IOException {
    JsonNode v = d == null ? null : d.get(seedField);
    if (v == null || v.isNull()) {
      v = fallback;
    }
    if (v == null || v.isNull() || v.isContainerNode()) {
      g.writeNullField(column);
    } else {
      g.writeStringField(column, v.asText());
    }
  }

  private static void integer(JsonGenerator g, String column, ObjectNode d, String seedField, String schemaField)
      throws IOException {
    JsonNode v = d == null ? null : d.get(seedField);
    if ((v == null || !v.isNumber()) && schemaField != null && d != null) {
      v = d.get(schemaField);
    }
    if (v != null && v.isNumber()) {
      g.writeNumberField(column, v.asLong());
    } else {
      g.writeNullField(column);
    }
  }
}
