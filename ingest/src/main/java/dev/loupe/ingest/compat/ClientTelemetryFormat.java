package dev.loupe.ingest.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.event.Event;
import dev.loupe.event.EventJson;
import dev.loupe.event.EventRules;
import dev.loupe.event.InvalidEventException;
import dev.loupe.event.Source;
import dev.loupe.event.SourceKind;
import dev.loupe.ingest.IngestRefusal;
import dev.loupe.ingest.ParsedBatch;
import dev.loupe.ingest.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Seed 004's {@code POST /api/client-telemetry}: the legacy single event
 * {@code {level, scope, sessionId, message, timestamp, requestId?, context?}} or a batch
 * {@code {"events": [...]}} of them. Each becomes {@code log.<level>}.
 */
public final class ClientTelemetryFormat {
  public static final String SOURCE_NAME = "compat/client-telemetry";
  private static final Set<String> LEVELS = Set.of("debug", "info", "warn", "error");

  private ClientTelemetryFormat() {}

  public static ParsedBatch parse(byte[] body, long now, int maxEvents) {
    ObjectNode root = CompatJson.object(body);
    List<ObjectNode> entries = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    JsonNode batch = root.get("events");
    if (batch != null) {
      if (!batch.isArray()) {
        throw new IngestRefusal(IngestRefusal.Kind.INVALID, "events", "must be an array of telemetry events");
      }
      if (batch.size() > maxEvents) {
        throw new IngestRefusal(IngestRefusal.Kind.TOO_LARGE, "events", "at most " + maxEvents + " events per request");
      }
      for (int i = 0; i < batch.size(); i++) {
        if (batch.get(i) instanceof ObjectNode o) {
          entries.add(o);
        } else {
          entries.add(null);
        }
      }
    } else {
      entries.add(root);
    }
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      try {
        if (entries.get(i) == null) {
          throw new InvalidEventException("", "must be a JSON object");
        }
        events.add(map(entries.get(i), now));
      } catch (InvalidEventException e) {
        rejected.add(batch == null
            ? new Rejection(0, e.violation().field(), e.violation().message())
            : Rejection.of(i, e.violation()));
      }
    }
    return new ParsedBatch(events, rejected);
  }

  private static Event map(ObjectNode entry, long now) {
    String level = CompatJson.choice(entry.get("level"));
    String l = level == null ? "" : level.toLowerCase(Locale.ROOT);
    if (l.equals("warning")) {
      l = "warn";
    }
    if (!LEVELS.contains(l)) {
      throw new InvalidEventException("level", "must be info, warn or error (or debug)");
    }
    String message = CompatJson.text(entry.get("message"));
    if (message == null) {
      throw new InvalidEventException("message", "is required (a string)");
    }
    String sessionId = CompatJson.text(entry.get("sessionId"));
    EventRules.checkSessionId(sessionId);
    ObjectNode data = EventJson.nodes().objectNode();
    data.put("message", message);
    String scope = CompatJson.text(entry.get("scope"));
    if (scope != null) {
      data.put("scope", scope);
    }
    String requestId = CompatJson.text(entry.get("requestId"));
    if (requestId != null) {
      data.put("request_id", requestId);
    }
    JsonNode context = entry.get("context");
    if (context != null && !context.isNull()) {
      if (!context.isObject()) {
        throw new InvalidEventException("context", "must be an object");
      }
      data.set("context", context);
    }
    long ts = CompatJson.micros(entry.get("timestamp"), "timestamp", now);
    return EventRules.event(ts, "log." + l, null, null, sessionId, null,
        Source.of(SourceKind.PAGE, SOURCE_NAME), data, false);
  }
}
