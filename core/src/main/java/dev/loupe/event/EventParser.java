package dev.loupe.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reads one native event from a streaming parser and validates it with {@link EventRules}.
 *
 * <p>An invalid event is still consumed to its closing brace so that the rest of a batch can be
 * read; the first rule it broke is returned instead of an event. Unknown fields are ignored (newer
 * producers may send more than this server knows). Syntax errors are not recoverable and surface as
 * {@link IOException} from Jackson.
 */
public final class EventParser {

  /** Either an event or the violation that kept it out. */
  public record Result(Event event, Violation violation) {
    public boolean ok() {
      return event != null;
    }
  }

  private EventParser() {}

  /**
   * Reads the value at the parser's current token, which should be an event object.
   *
   * @param defaultTs timestamp for events that carry none (the receive time)
   * @param defaultSource provenance for events that carry none (decided by the ingest route)
   */
  public static Result read(JsonParser p, long defaultTs, Source defaultSource) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return new Result(null, new Violation("", "must be a JSON object"));
    }
    Violation first = null;
    Long ts = null;
    String type = null;
    String category = null;
    String detail = null;
    String sessionId = null;
    String url = null;
    Source source = null;
    ObjectNode data = null;
    boolean truncated = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      try {
        switch (field) {
          case "ts" -> ts = readTs(p, value);
          case "type" -> type = readString(p, value, "type", false);
          case "category" -> category = readString(p, value, "category", true);
          case "detail_level" -> detail = readString(p, value, "detail_level", true);
          case "session_id" -> sessionId = readString(p, value, "session_id", true);
          case "url" -> url = readString(p, value, "url", true);
          case "source" -> source = readSource(p, value);
          case "data" -> data = readData(p, value);
          case "truncated" -> truncated = readTruncated(p, value);
          default -> p.skipChildren();
        }
      } catch (InvalidEventException e) {
        p.skipChildren();
        if (first == null) {
          first = e.violation();
        }
      }
    }
    if (first != null) {
      return new Result(null, first);
    }
    try {
      Event event = EventRules.event(ts == null ? defaultTs : ts, type, category, detail, sessionId, url,
          source == null ? defaultSource : source, data, truncated);
      return new Result(event, null);
    } catch (InvalidEventException e) {
      return new Result(null, e.violation());
    }
  }

  private static long readTs(JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.VALUE_NUMBER_INT) {
      throw new InvalidEventException("ts", "must be an integer (microseconds since the epoch)");
    }
    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw new InvalidEventException("ts", "is out of range for microseconds since the epoch");
    }
    return p.getLongValue();
  }

  private static String readString(JsonParser p, JsonToken value, String field, boolean nullable) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (value == JsonToken.VALUE_NULL && nullable) {
      return null;
    }
    throw new InvalidEventException(field, "must be a string");
  }

  private static ObjectNode readData(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.START_OBJECT) {
      throw new InvalidEventException("data", "must be a JSON object");
    }
    return p.readValueAsTree();
  }

  private static boolean readTruncated(JsonParser p, JsonToken value) {
    if (value == JsonToken.VALUE_TRUE) {
      return true;
    }
    if (value == JsonToken.VALUE_FALSE || value == JsonToken.VALUE_NULL) {
      return false;
    }
    throw new InvalidEventException("truncated", "must be a boolean");
  }

  private static Source readSource(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.START_OBJECT) {
      throw new InvalidEventException("source", "must be an object with kind, name, event and metadata");
    }
    String kind = null;
    String name = null;
    String event = null;
    ObjectNode metadata = null;
    InvalidEventException first = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      try {
        switch (field) {
          case "kind" -> kind = readString(p, v, "source.kind", false);
          case "name" -> name = readString(p, v, "source.name", true);
          case "event" -> event = readString(p, v, "source.event", true);
          case "metadata" -> {
            if (v == JsonToken.VALUE_NULL) {
              metadata = null;
            } else if (v == JsonToken.START_OBJECT) {
              JsonNode node = p.readValueAsTree();
              metadata = (ObjectNode) node;
            } else {
              throw new InvalidEventException("source.metadata", "must be a JSON object");
            }
          }
          default -> p.skipChildren();
        }
      } catch (InvalidEventException e) {
        p.skipChildren();
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
    SourceKind sourceKind = EventRules.sourceKind(kind);
    EventRules.checkSourceText("source.name", name);
    EventRules.checkSourceText("source.event", event);
    return new Source(sourceKind, name, event, metadata);
  }
}
