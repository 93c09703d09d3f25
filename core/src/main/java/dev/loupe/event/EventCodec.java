package dev.loupe.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes events as JSON and reads back events Loupe wrote itself. Input from clients goes through
 * {@link EventParser}, which validates; this codec trusts its input (the log, a database row).
 */
public final class EventCodec {
  private EventCodec() {}

  /** The event as a JSON object, UTF-8. Fields in schema order; absent optionals omitted. */
  public static byte[] encode(Event event) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(512);
         JsonGenerator g = EventJson.factory().createGenerator(out)) {
      write(event, g);
      g.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(Event event, JsonGenerator g) throws IOException {
    writeHead(g, event.ts(), event.type(), event.category(), event.detailLevel(), event.sessionId(), event.url());
    Source source = event.source();
    g.writeObjectFieldStart("source");
    g.writeStringField("kind", source.kind().wireName());
    if (source.name() != null) {
      g.writeStringField("name", source.name());
    }
    if (source.event() != null) {
      g.writeStringField("event", source.event());
    }
    if (source.metadata() != null) {
      g.writeFieldName("metadata");
      EventJson.mapper().writeTree(g, source.metadata());
    }
    g.writeEndObject();
    g.writeFieldName("data");
    if (event.data() == null) {
      g.writeNull();
    } else {
      EventJson.mapper().writeTree(g, event.data());
    }
    g.writeBooleanField("truncated", event.truncated());
    g.writeEndObject();
  }

  /**
   * Encodes an event in the same form as {@link #encode(Event)} from its fields, with its source and
   * data given as JSON text that Loupe wrote before (a stored row): they are copied, not parsed.
   *
   * @param dataJson the data object's JSON, or null
   */
  public static byte[] encode(long ts, String type, Category category, DetailLevel detailLevel, String sessionId,
      String url, String sourceJson, String dataJson, boolean truncated) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(256 + sourceJson.length() + (dataJson == null ? 0 : dataJson.length()));
         JsonGenerator g = EventJson.factory().createGenerator(out)) {
      writeHead(g, ts, type, category, detailLevel, sessionId, url);
      g.writeFieldName("source");
      g.writeRawValue(sourceJson);
      g.writeFieldName("data");
      if (dataJson == null) {
        g.writeNull();
      } else {
        g.writeRawValue(dataJson);
      }
      g.writeBooleanField("truncated", truncated);
      g.writeEndObject();
      g.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeHead(JsonGenerator g, long ts, String type, Category category, DetailLevel detailLevel,
      String sessionId, String url) throws IOException {
    g.writeStartObject();
    g.writeNumberField("ts", ts);
    g.writeStringField("type", type);
    g.writeStringField("category", category.wireName());
    g.writeStringField("detail_level", detailLevel.wireName());
    if (sessionId != null) {
      g.writeStringField("session_id", sessionId);
    }
    if (url != null) {
      g.writeStringField("url", url);
    }
  }

  /** Reads an event Loupe encoded; the parser must be positioned on its START_OBJECT. */
  public static Event read(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new IOException("expected an event object at " + p.currentLocation());
    }
    long ts = 0;
    String type = null;
    Category category = null;
    DetailLevel detail = DetailLevel.STANDARD;
    String sessionId = null;
    String url = null;
    Source source = null;
    ObjectNode data = null;
    boolean truncated = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "ts" -> ts = p.getLongValue();
        case "type" -> type = p.getText();
        case "category" -> category = Category.fromWireName(p.getText());
        case "detail_level" -> detail = DetailLevel.fromWireName(p.getText());
        case "session_id" -> sessionId = value == JsonToken.VALUE_NULL ? null : p.getText();
        case "url" -> url = value == JsonToken.VALUE_NULL ? null : p.getText();
        case "source" -> source = readSource(p);
        case "data" -> data = value == JsonToken.START_OBJECT ? (ObjectNode) p.readValueAsTree() : null;
        case "truncated" -> truncated = p.getBooleanValue();
        default -> p.skipChildren();
      }
    }
    if (type == null || category == null || source == null || detail == null) {
      throw new IOException("stored event lacks type, category, detail_level or source");
    }
    return new Event(ts, type, category, detail, sessionId, url, source, data, truncated);
  }

  private static final byte[] TRUNCATED_TRUE = ",\"truncated\":true}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] DATA_NULL = "\"data\":null,\"truncated\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /**
   * The scalar fields of an event Loupe encoded ({@link #write} puts them before {@code source}, and
   * {@code data} and {@code truncated} last), reading no further than the source's kind.
   */
  public static EventHead readHead(byte[] json) {
    long ts = 0;
    String type = null;
    Category category = null;
    DetailLevel detail = DetailLevel.STANDARD;
    String sessionId = null;
    String url = null;
    SourceKind sourceKind = null;
    try (JsonParser p = EventJson.ownJsonFactory().createParser(json)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("source")) {
          if (value == JsonToken.START_OBJECT && p.nextToken() == JsonToken.FIELD_NAME
              && p.currentName().equals("kind") && p.nextToken() == JsonToken.VALUE_STRING) {
            sourceKind = SourceKind.fromWireName(p.getText());
          }
          break;
        }
        switch (field) {
          case "ts" -> ts = p.getLongValue();
          case "type" -> type = p.getText();
          case "category" -> category = Category.fromWireName(p.getText());
          case "detail_level" -> detail = DetailLevel.fromWireName(p.getText());
          case "session_id" -> sessionId = value == JsonToken.VALUE_NULL ? null : p.getText();
          case "url" -> url = value == JsonToken.VALUE_NULL ? null : p.getText();
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (type == null || category == null || detail == null || sourceKind == null) {
      return EventHead.of(decode(json));
    }
    boolean truncated = endsWith(json, TRUNCATED_TRUE);
    int tail = json.length - (truncated ? 5 : 6) - 1;
    boolean dataIsNull = tail >= DATA_NULL.length
        && java.util.Arrays.equals(json, tail - DATA_NULL.length + 1, tail + 1, DATA_NULL, 0, DATA_NULL.length);
    return new EventHead(ts, type, category, detail, sessionId, url, sourceKind, truncated, dataIsNull);
  }

  private static boolean endsWith(byte[] json, byte[] suffix) {
    return json.length >= suffix.length
        && java.util.Arrays.equals(json, json.length - suffix.length, json.length, suffix, 0, suffix.length);
  }

  /** Reads an event Loupe encoded from its bytes. */
  public static Event decode(byte[] json) {
    return decode(json, 0, json.length);
  }

  public static Event decode(byte[] json, int offset, int length) {
    try (JsonParser p = EventJson.ownJsonFactory().createParser(json, offset, length)) {
      p.nextToken();
      return read(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Source readSource(JsonParser p) throws IOException {
    SourceKind kind = null;
    String name = null;
    String event = null;
    ObjectNode metadata = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "kind" -> kind = SourceKind.fromWireName(p.getText());
        case "name" -> name = value == JsonToken.VALUE_NULL ? null : p.getText();
        case "event" -> event = value == JsonToken.VALUE_NULL ? null : p.getText();
        case "metadata" -> {
          JsonNode node = p.readValueAsTree();
          metadata = node instanceof ObjectNode o ? o : null;
        }
        default -> p.skipChildren();
      }
    }
    if (kind == null) {
      throw new IOException("stored event has a source without a known kind");
    }
    return new Source(kind, name, event, metadata);
  }
}
