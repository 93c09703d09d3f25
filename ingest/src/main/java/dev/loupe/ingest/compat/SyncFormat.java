package dev.loupe.ingest.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.event.DetailLevel;
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
 * Seed 000's {@code POST /sync} batch: {@code {"events": [...], "tab_id": n, "url": "..."}} whose
 * entries are console, network, action, websocket, performance or error records with
 * millisecond timestamps. Each entry becomes one event; the tab becomes the session
 * ({@code tab-<id>}) and is kept in {@code source.metadata}.
 */
public final class SyncFormat {
  public static final String SOURCE_NAME = "compat/sync";
  private static final Set<String> CONSOLE_LEVELS = Set.of("log", "info", "warn", "error", "debug");
  private static final List<String> ENUMERATED = List.of("method", "protocol", "direction", "unit", "initiator");
  private static final Set<String> BODY_FIELDS = Set.of("request_body", "response_body");

  private SyncFormat() {}

  public static ParsedBatch parse(byte[] body, long now, int maxEvents) {
    ObjectNode root = CompatJson.object(body);
    JsonNode entries = root.get("events");
    if (entries == null || !entries.isArray()) {
      throw new IngestRefusal(IngestRefusal.Kind.INVALID, "events", "is required (an array of captured entries)");
    }
    if (entries.size() > maxEvents) {
      throw new IngestRefusal(IngestRefusal.Kind.TOO_LARGE, "events", "at most " + maxEvents + " events per request");
    }
    JsonNode tab = root.get("tab_id");
    String sessionId = tab != null && (tab.isIntegralNumber() || tab.isTextual()) ? "tab-" + tab.asText() : null;
    String batchUrl = CompatJson.text(root.get("url"));
    ObjectNode metadata = EventJson.nodes().objectNode();
    if (tab != null && !tab.isNull()) {
      metadata.set("tab_id", tab);
    }
    List<Event> events = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      try {
        if (!(entries.get(i) instanceof ObjectNode entry)) {
          throw new InvalidEventException("", "must be a JSON object");
        }
        events.add(map(entry, sessionId, batchUrl, metadata, now));
      } catch (InvalidEventException e) {
        rejected.add(Rejection.of(i, e.violation()));
      }
    }
    return new ParsedBatch(events, rejected);
  }

  private static Event map(ObjectNode entry, String sessionId, String batchUrl, ObjectNode metadata, long now) {
    String kind = CompatJson.choice(entry.get("type"));
    if (kind == null) {
      throw new InvalidEventException("type", "is required (console, network, action, websocket, performance, error)");
    }
    long ts = CompatJson.micros(entry.get("timestamp"), "timestamp", now);
    Source source = new Source(SourceKind.PAGE, SOURCE_NAME, kind, metadata.isEmpty() ? null : metadata.deepCopy());
    ObjectNode data = entry.deepCopy();
    data.remove(List.of("type", "timestamp"));
    for (String f : ENUMERATED) {
      String v = CompatJson.choice(data.get(f));
      if (v != null) {
        data.put(f, v);
      }
    }
    String url = batchUrl;
    String type;
    DetailLevel detail = DetailLevel.STANDARD;
    switch (kind) {
      case "console" -> {
        String level = levelOf(CompatJson.choice(entry.get("level")));
        type = "console." + level;
        data.remove("level");
        data.put("message", render(entry.get("args")));
        JsonNode context = data.remove("context");
        if (context instanceof ObjectNode c) {
          url = c.hasNonNull("url") ? c.get("url").asText() : url;
          ObjectNode location = data.putObject("location");
          copy(c, "source", location, "url");
          copy(c, "line", location, "line");
          copy(c, "column", location, "column");
        }
        if (data.path("stack").isNull()) {
          data.remove("stack");
        }
      }
      case "network" -> {
        String initiator = CompatJson.choice(entry.get("initiator"));
        boolean resource = initiator != null && Set.of("img", "script", "link", "css").contains(initiator);
        type = resource ? "network.resource" : "network.request";
        rename(data, "request_size_bytes", "request_body_size");
        rename(data, "response_size_bytes", "response_body_size");
        if (resource) {
          rename(data, "initiator", "initiator_type");
        } else {
          data.put("started_at", ts);
          if (initiator == null) {
            data.put("initiator", "fetch");
          }
        }
        for (String f : BODY_FIELDS) {
          if (data.hasNonNull(f)) {
            detail = DetailLevel.VERBOSE;
          }
        }
      }
      case "action" -> {
        String action = CompatJson.choice(entry.get("action_type"));
        data.remove("action_type");
        if ("navigation".equals(action)) {
          type = "page.navigate";
          data.put("kind", "push");
          if (!data.has("to") && batchUrl != null) {
            data.put("to", batchUrl);
          }
        } else if (action != null && Set.of("click", "input", "change", "submit", "scroll", "key").contains(action)) {
          type = "action." + action;
        } else {
          throw new InvalidEventException("action_type", "must be click, input, change, submit, scroll, key or navigation");
        }
        if (!data.has("selectors") && data.hasNonNull("target")) {
          data.putObject("selectors").put("css", data.get("target").asText());
        }
      }
      case "websocket" -> {
        String event = CompatJson.choice(entry.get("event"));
        if (event == null || !Set.of("open", "message", "close", "error").contains(event)) {
          throw new InvalidEventException("event", "must be open, message, close or error");
        }
        type = "websocket." + event;
        data.remove("event");
        rename(data, "data_size", "size");
        rename(data, "data_preview", "preview");
        if (!data.has("connection_id") && data.hasNonNull("url")) {
          data.put("connection_id", data.get("url").asText());
        }
      }
      case "performance" -> {
        String metric = CompatJson.choice(entry.get("metric"));
        String name = metric == null ? "" : metric.toLowerCase(Locale.ROOT);
        if (!Set.of("lcp", "fcp", "cls", "inp", "ttfb", "fid").contains(name)) {
          throw new InvalidEventException("metric", "must be LCP, FCP, CLS, INP or TTFB");
        }
        type = "performance." + (name.equals("fid") ? "inp" : name);
        data.remove("metric");
        rename(data, "context", "attribution");
      }
      case "error" -> {
        type = "error.uncaught";
        JsonNode context = entry.get("context");
        if (context instanceof ObjectNode c && c.hasNonNull("url")) {
          url = c.get("url").asText();
        }
      }
      default -> throw new InvalidEventException("type",
          "'" + kind + "' is not a /sync entry type (console, network, action, websocket, performance, error)");
    }
    return EventRules.event(ts, type, null, detail.wireName(), sessionId, url, source, data, false);
  }

  private static String levelOf(String level) {
    if (level == null) {
      return "log";
    }
    String l = level.toLowerCase(Locale.ROOT);
    if (l.equals("warning")) {
      return "warn";
    }
    if (!CONSOLE_LEVELS.contains(l)) {
      throw new InvalidEventException("level", "must be log, info, warn, error or debug");
    }
    return l;
  }

  /** The arguments as DevTools would print them: strings as they are, anything else as JSON. */
  static String render(JsonNode args) {
    if (args == null || !args.isArray()) {
      return args == null || args.isNull() ? "" : args.isTextual() ? args.textValue() : args.toString();
    }
    StringBuilder out = new StringBuilder();
    for (JsonNode a : (ArrayNode) args) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(a.isTextual() ? a.textValue() : a.toString());
    }
    return out.toString();
  }

  private static void rename(ObjectNode data, String from, String to) {
    JsonNode v = data.remove(from);
    if (v != null && !data.has(to)) {
      data.set(to, v);
    }
  }

  private static void copy(ObjectNode from, String fromField, ObjectNode to, String toField) {
    if (from.hasNonNull(fromField)) {
      to.set(toField, from.get(fromField));
    }
  }
}
