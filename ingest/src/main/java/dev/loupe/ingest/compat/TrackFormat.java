package dev.loupe.ingest.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.event.Event;
import dev.loupe.event.EventRules;
import dev.loupe.event.InvalidEventException;
import dev.loupe.event.Source;
import dev.loupe.event.SourceKind;
import dev.loupe.ingest.IngestRefusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Seed 002's tracking API: {@code POST /api/v1/sessions} (a new session) and
 * {@code POST /api/v1/track} (a batch of at most 100 DOM events for a session UUID). Seed 002
 * inserts a batch atomically, so a batch with any invalid event is refused whole, naming it.
 *
 * <p>Event data keeps seed 002's own column names (so its read routes can answer in its shape) and
 * adds the schema's names next to them ({@code selectors.css}, {@code x}, {@code y}, {@code value}, …).
 */
public final class TrackFormat {
  public static final String SOURCE_NAME = "compat/track";
  public static final int MAX_EVENTS = 100;
  private static final Pattern UUID_FORM =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("click", "action.click"), Map.entry("dblclick", "action.click"), Map.entry("input", "action.input"),
      Map.entry("change", "action.change"), Map.entry("submit", "action.submit"), Map.entry("scroll", "action.scroll"),
      Map.entry("keydown", "action.key"), Map.entry("keypress", "action.key"), Map.entry("keyup", "action.key"),
      Map.entry("key", "action.key"), Map.entry("pageview", "page.view"), Map.entry("page_view", "page.view"),
      Map.entry("navigation", "page.navigate"), Map.entry("visibilitychange", "page.visibility"),
      Map.entry("unload", "page.unload"), Map.entry("beforeunload", "page.unload"));
  private static final Pattern CUSTOM_NAME = Pattern.compile("[^a-z0-9_]+");

  private TrackFormat() {}

  /** A {@code session.start} for a new session with a fresh UUID. */
  public static Event newSession(byte[] body, long now) {
    ObjectNode data = CompatJson.object(body);
    String id = UUID.randomUUID().toString();
    data.remove("session_id");
    try {
      return EventRules.event(now, "session.start", null, null, id, CompatJson.text(data.get("page_url")),
          Source.of(SourceKind.PAGE, SOURCE_NAME, "POST /api/v1/sessions"), data, false);
    } catch (InvalidEventException e) {
      throw new IngestRefusal(IngestRefusal.Kind.INVALID, e.violation().field(), e.violation().rule());
    }
  }

  /** The events of a {@code /track} batch, or a refusal naming the first bad one. */
  public static List<Event> track(byte[] body, long now) {
    ObjectNode root = CompatJson.object(body);
    String sessionId = CompatJson.text(root.get("session_id"));
    if (sessionId == null || !UUID_FORM.matcher(sessionId).matches()) {
      throw new IngestRefusal(IngestRefusal.Kind.INVALID, "session_id", "must be a UUID");
    }
    JsonNode entries = root.get("events");
    if (entries == null || !entries.isArray()) {
      throw new IngestRefusal(IngestRefusal.Kind.INVALID, "events", "is required (an array of events)");
    }
    if (entries.size() > MAX_EVENTS) {
      throw new IngestRefusal(IngestRefusal.Kind.TOO_LARGE, "events", "at most " + MAX_EVENTS + " events per request");
    }
    List<Event> events = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      try {
        if (!(entries.get(i) instanceof ObjectNode entry)) {
          throw new InvalidEventException("", "must be a JSON object");
        }
        events.add(map(entry, sessionId.toLowerCase(Locale.ROOT), now));
      } catch (InvalidEventException e) {
        var placed = e.violation().under("events[" + i + "]");
        throw new IngestRefusal(IngestRefusal.Kind.INVALID, placed.field(), placed.rule());
      }
    }
    return events;
  }

  private static Event map(ObjectNode entry, String sessionId, long now) {
    String eventType = CompatJson.text(entry.get("event_type"));
    if (eventType == null || eventType.isBlank()) {
      throw new InvalidEventException("event_type", "is required, e.g. click, input, scroll");
    }
    String type = TYPES.get(eventType.toLowerCase(Locale.ROOT));
    if (type == null) {
      String name = CUSTOM_NAME.matcher(eventType.toLowerCase(Locale.ROOT)).replaceAll("_");
      type = "custom." + (name.isEmpty() ? "event" : name);
    }
    long ts = CompatJson.micros(entry.get("timestamp"), "timestamp", now);
    ObjectNode data = entry.deepCopy();
    data.remove(List.of("timestamp", "session_id"));
    if (entry.hasNonNull("target_selector")) {
      data.putObject("selectors").put("css", entry.get("target_selector").asText());
    }
    alias(data, "target_tag", "tag");
    alias(data, "viewport_x", "x");
    alias(data, "viewport_y", "y");
    alias(data, "input_value", "value");
    alias(data, "input_masked", "masked");
    alias(data, "key_pressed", "key");
    if (type.equals("page.view") && entry.hasNonNull("page_url")) {
      data.put("url", entry.get("page_url").asText());
    }
    return EventRules.event(ts, type, null, null, sessionId, CompatJson.text(entry.get("page_url")),
        Source.of(SourceKind.PAGE, SOURCE_NAME, eventType), data, false);
  }

  private static void alias(ObjectNode data, String seedName, String schemaName) {
    JsonNode v = data.get(seedName);
    if (v != null && !v.isNull() && !data.has(schemaName)) {
      data.set(schemaName, v);
    }
  }
}
