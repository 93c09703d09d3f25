package dev.loupe.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Applies {@link FieldLimits} to an event and encodes it. Runs on the accepting thread, once per
 * event, after redaction and before sequencing; takes ownership of the event's data tree and
 * changes it in place.
 */
public final class EventTruncator {
  private final FieldLimits limits;

  public EventTruncator(FieldLimits limits) {
    this.limits = limits;
  }

  public FieldLimits limits() {
    return limits;
  }

  /** The event cut to its limits and encoded; {@code truncated} is set when anything was cut. */
  public EncodedEvent apply(Event event, String project) {
    // Most events are far below every limit: encode once, and only walk the tree when the whole
    // encoding is larger than the smallest limit that could apply to this category.
    byte[] quick = EventCodec.encode(event);
    if (quick.length <= smallestLimit(event.category())
        && EnvelopeCodec.maxEncodedLength(project.length(), quick.length) <= limits.maxRecordBytes()) {
      return new EncodedEvent(event, quick);
    }
    return limited(event, project);
  }

  /** Below this encoded size no field limit of the category can be exceeded. */
  private int smallestLimit(Category category) {
    int common = Math.min(limits.urlBytes(), limits.sourceMetadataBytes());
    int specific = switch (category) {
      case CONSOLE -> Math.min(limits.consoleArgBytes(), limits.stackBytes());
      case LOG -> limits.consoleEntryBytes();
      case ERROR -> Math.min(limits.stackBytes(), limits.errorContextBytes());
      case NETWORK -> Math.min(limits.requestBodyBytes(), limits.responseBodyBytes());
      case WEBSOCKET -> limits.websocketPreviewBytes();
      case ACTION -> limits.actionBytes();
      case PERFORMANCE -> limits.performanceBytes();
      default -> Integer.MAX_VALUE;
    };
    return Math.min(common, specific);
  }

  private EncodedEvent limited(Event event, String project) {
    boolean cut = false;
    String url = event.url();
    if (url != null) {
      String shorter = Utf8Cut.cut(url, limits.urlBytes());
      if (shorter != url) {
        url = shorter;
        cut = true;
      }
    }
    Source source = event.source();
    if (source.metadata() != null && JsonSize.of(source.metadata()) > limits.sourceMetadataBytes()) {
      ObjectNode marker = EventJson.nodes().objectNode()
          .put("_truncated", "metadata exceeded " + limits.sourceMetadataBytes() + " bytes");
      source = new Source(source.kind(), source.name(), source.event(), marker);
      cut = true;
    }
    ObjectNode data = event.data();
    if (data != null) {
      cut |= limitData(event.category(), data);
    }
    Event limited = cut
        ? new Event(event.ts(), event.type(), event.category(), event.detailLevel(), event.sessionId(), url, source,
            data, true)
        : event;
    byte[] json = EventCodec.encode(limited);
    if (EnvelopeCodec.maxEncodedLength(project.length(), json.length) > limits.maxRecordBytes()) {
      limited = limited.withData(null, true);
      json = EventCodec.encode(limited);
    }
    return new EncodedEvent(limited, json);
  }

  private boolean limitData(Category category, ObjectNode data) {
    return switch (category) {
      case CONSOLE -> limitConsole(data);
      case LOG -> JsonFit.fit(data, limits.consoleEntryBytes());
      case ERROR -> cutField(data, "stack", limits.stackBytes()) | fitField(data, "context", limits.errorContextBytes());
      case NETWORK -> cutField(data, "request_body", limits.requestBodyBytes())
          | cutField(data, "response_body", limits.responseBodyBytes());
      case WEBSOCKET -> cutField(data, "preview", limits.websocketPreviewBytes());
      case ACTION -> JsonFit.fit(data, limits.actionBytes());
      case PERFORMANCE -> JsonFit.fit(data, limits.performanceBytes());
      default -> false;
    };
  }

  private boolean limitConsole(ObjectNode data) {
    boolean cut = false;
    if (data.get("args") instanceof ArrayNode args) {
      for (int i = 0; i < args.size(); i++) {
        JsonNode arg = args.get(i);
        JsonNode limited = limitValue(arg, limits.consoleArgBytes());
        if (limited != arg) {
          args.set(i, limited);
          cut = true;
        }
      }
    }
    cut |= cutField(data, "stack", limits.stackBytes());
    return JsonFit.fit(data, limits.consoleEntryBytes()) | cut;
  }

  /** Cuts a string field; a structured value over the limit becomes its cut JSON text. */
  private static boolean cutField(ObjectNode data, String field, int maxBytes) {
    JsonNode value = data.get(field);
    if (value == null) {
      return false;
    }
    JsonNode limited = limitValue(value, maxBytes);
    if (limited == value) {
      return false;
    }
    data.set(field, limited);
    return true;
  }

  /** Fits an object field in place; other values are cut like strings. */
  private static boolean fitField(ObjectNode data, String field, int maxBytes) {
    JsonNode value = data.get(field);
    if (value instanceof ObjectNode object) {
      return JsonFit.fit(object, maxBytes);
    }
    return cutField(data, field, maxBytes);
  }

  private static JsonNode limitValue(JsonNode value, int maxBytes) {
    if (value.isTextual()) {
      String text = value.textValue();
      String cut = Utf8Cut.cut(text, maxBytes);
      return cut == text ? value : TextNode.valueOf(cut);
    }
    if ((value.isContainerNode()) && JsonSize.of(value) > maxBytes) {
      return TextNode.valueOf(Utf8Cut.cut(value.toString(), maxBytes));
    }
    return value;
  }
}
