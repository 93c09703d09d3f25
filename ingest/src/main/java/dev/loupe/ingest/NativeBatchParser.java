package dev.loupe.ingest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.event.Event;
import dev.loupe.event.EventJson;
import dev.loupe.event.EventParser;
import dev.loupe.event.EventRules;
import dev.loupe.event.InvalidEventException;
import dev.loupe.event.Source;
import dev.loupe.event.SourceKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses {@code POST /v1/events} bodies with Jackson's streaming parser: a batch object
 * {@code {"session": {…}, "events": […]}}, a bare array of events, a single event, or NDJSON.
 * Each event is validated on its own; bad ones become {@link Rejection}s and the rest is kept.
 *
 * <p>The batch's {@code session} object becomes a {@code session.start} event placed first. Its
 * {@code batch} is the id the client gave the body ({@link RecentBatches}).
 */
public final class NativeBatchParser {
  /** Provenance of native events that do not say where they come from. */
  public static final Source DEFAULT_SOURCE = Source.of(SourceKind.PAGE, null);

  /** A batch id: what a UUID or a client's own token needs, nothing that would need escaping. */
  private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  private final int maxEvents;

  public NativeBatchParser(int maxEvents) {
    this.maxEvents = maxEvents;
  }

  public ParsedBatch parse(byte[] body, BodyFormat format, long nowMicros) {
    int start = skipWhitespace(body, 0);
    if (start >= body.length) {
      throw new IngestRefusal(IngestRefusal.Kind.INVALID, null, "the body is empty; send events as JSON or NDJSON");
    }
    if (format == BodyFormat.NDJSON) {
      return parseLines(body, nowMicros);
    }
    byte first = body[start];
    if (first == '[') {
      return parseArray(body, nowMicros);
    }
    if (first != '{') {
      throw new IngestRefusal(IngestRefusal.Kind.MALFORMED_JSON, null,
          "the body must be a JSON object, a JSON array or NDJSON");
    }
    return isBatchObject(body) ? parseBatchObject(body, nowMicros) : parseLines(body, nowMicros);
  }

  private ParsedBatch parseArray(byte[] body, long now) {
    List<Event> events = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    try (JsonParser p = EventJson.factory().createParser(body)) {
      p.nextToken();
      readEvents(p, now, events, rejected);
      expectEnd(p);
    } catch (IOException e) {
      throw JsonErrors.malformed(e);
    }
    return new ParsedBatch(events, rejected);
  }

  private ParsedBatch parseBatchObject(byte[] body, long now) {
    List<Event> events = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    ObjectNode session = null;
    String batch = null;
    boolean sawEvents = false;
    try (JsonParser p = EventJson.factory().createParser(body)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("events")) {
          if (value != JsonToken.START_ARRAY) {
            throw new IngestRefusal(IngestRefusal.Kind.INVALID, "events", "must be an array of events");
          }
          sawEvents = true;
          readEvents(p, now, events, rejected);
        } else if (field.equals("session")) {
          if (value == JsonToken.VALUE_NULL) {
            continue;
          }
          if (value != JsonToken.START_OBJECT) {
            throw new IngestRefusal(IngestRefusal.Kind.INVALID, "session", "must be an object of session metadata");
          }
          session = p.readValueAsTree();
        } else if (field.equals("batch")) {
          if (value != JsonToken.VALUE_NULL) {
            batch = batchId(p, value);
          }
        } else {
          p.skipChildren();
        }
      }
      expectEnd(p);
    } catch (IOException e) {
      throw JsonErrors.malformed(e);
    }
    if (!sawEvents && session == null) {
      throw new IngestRefusal(IngestRefusal.Kind.INVALID, "events", "is required (an array of events)");
    }
    if (session != null) {
      events.add(0, sessionStart(session, events, now));
    }
    return new ParsedBatch(events, rejected, batch);
  }

  private static String batchId(JsonParser p, JsonToken value) throws IOException {
    String id = value == JsonToken.VALUE_STRING ? p.getText() : null;
    if (id == null || !BATCH_ID.matcher(id).matches()) {
      throw new IngestRefusal(IngestRefusal.Kind.INVALID, "batch",
          "must be a string of 1 to 64 letters, digits, '_', '.', ':' or '-'");
    }
    return id;
  }

  private void readEvents(JsonParser p, long now, List<Event> events, List<Rejection> rejected) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new IngestRefusal(IngestRefusal.Kind.INVALID, "events", "must be an array of events");
    }
    int index = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() == null) {
        throw new IngestRefusal(IngestRefusal.Kind.MALFORMED_JSON, null, "the events array is not closed");
      }
      checkCount(index);
      EventParser.Result r = EventParser.read(p, now, DEFAULT_SOURCE);
      if (r.ok()) {
        events.add(r.event());
      } else {
        rejected.add(Rejection.of(index, r.violation()));
      }
      index++;
    }
  }

  /** NDJSON (or a sequence of root objects): each line stands alone, a broken line is rejected by itself. */
  private ParsedBatch parseLines(byte[] body, long now) {
    List<Event> events = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    int index = 0;
    int lineStart = 0;
    while (lineStart < body.length) {
      int end = lineStart;
      while (end < body.length && body[end] != '\n') {
        end++;
      }
      int from = skipWhitespace(body, lineStart);
      if (from < end) {
        checkCount(index);
        parseLine(body, from, end - from, index, now, events, rejected);
        index++;
      }
      lineStart = end + 1;
    }
    return new ParsedBatch(events, rejected);
  }

  private static void parseLine(byte[] body, int offset, int length, int index, long now, List<Event> events,
      List<Rejection> rejected) {
    try (JsonParser p = EventJson.factory().createParser(body, offset, length)) {
      p.nextToken();
      EventParser.Result r = EventParser.read(p, now, DEFAULT_SOURCE);
      if (p.nextToken() != null) {
        rejected.add(new Rejection(index, "events[" + index + "]",
            "events[" + index + "]: a line must hold exactly one JSON object"));
      } else if (r.ok()) {
        events.add(r.event());
      } else {
        rejected.add(Rejection.of(index, r.violation()));
      }
    } catch (IOException e) {
      String message = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
      rejected.add(new Rejection(index, "events[" + index + "]",
          "events[" + index + "]: malformed JSON: " + JsonErrors.firstLine(message)));
    }
  }

  /** Whether the first root object has a top-level {@code events} or {@code session} key. */
  private static boolean isBatchObject(byte[] body) {
    try (JsonParser p = EventJson.factory().createParser(body)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (name.equals("events") || name.equals("session")) {
          return true;
        }
        p.nextToken();
        p.skipChildren();
      }
      return false;
    } catch (IOException e) {
      // Let the line parser report the syntax error where it is.
      return false;
    }
  }

  private Event sessionStart(ObjectNode session, List<Event> events, long now) {
    JsonNode idNode = session.remove("session_id");
    String sessionId = idNode != null && idNode.isTextual() ? idNode.textValue() : null;
    long ts = now;
    Source source = DEFAULT_SOURCE;
    for (Event e : events) {
      if (sessionId == null && e.sessionId() != null) {
        sessionId = e.sessionId();
      }
      ts = Math.min(ts, e.ts());
      source = e.source();
    }
    if (sessionId == null) {
      throw new IngestRefusal(IngestRefusal.Kind.INVALID, "session.session_id",
          "is required when no event of the batch carries a session_id");
    }
    JsonNode pageUrl = session.get("page_url");
    try {
      return EventRules.event(ts, "session.start", null, null, sessionId,
          pageUrl != null && pageUrl.isTextual() ? pageUrl.textValue() : null,
          new Source(source.kind(), source.name(), null, source.metadata()), session, false);
    } catch (InvalidEventException e) {
      throw new IngestRefusal(IngestRefusal.Kind.INVALID, "session." + e.violation().field(), e.violation().rule());
    }
  }

  private void checkCount(int index) {
    if (index >= maxEvents) {
      throw new IngestRefusal(IngestRefusal.Kind.TOO_LARGE, "events",
          "at most " + maxEvents + " events per request; split the batch");
    }
  }

  private static void expectEnd(JsonParser p) throws IOException {
    if (p.nextToken() != null) {
      throw new IngestRefusal(IngestRefusal.Kind.MALFORMED_JSON, null,
          "unexpected content after the JSON value at " + where(p.currentTokenLocation()));
    }
  }

  private static String where(JsonLocation loc) {
    return loc == null ? "an unknown position" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  private static int skipWhitespace(byte[] body, int from) {
    int i = from;
    if (i == 0 && body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB && (body[2] & 0xff) == 0xBF) {
      i = 3;
    }
    while (i < body.length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
      i++;
    }
    return i;
  }
}
