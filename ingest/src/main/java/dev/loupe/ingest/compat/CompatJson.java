package dev.loupe.ingest.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.event.EventJson;
import dev.loupe.event.InvalidEventException;
import dev.loupe.ingest.IngestRefusal;
import dev.loupe.ingest.JsonErrors;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reading seed-format bodies and their loosely typed fields (timestamps in ms or ISO-8601). */
final class CompatJson {
  private CompatJson() {}

  /** The body as a JSON object, or a refusal naming the problem. */
  static ObjectNode object(byte[] body) {
    JsonNode root;
    try {
      root = EventJson.mapper().readTree(body);
    } catch (IOException e) {
      throw JsonErrors.malformed(e);
    }
    if (!(root instanceof ObjectNode o)) {
      throw new IngestRefusal(IngestRefusal.Kind.INVALID, null, "the body must be a JSON object");
    }
    return o;
  }

  /**
   * A timestamp in microseconds from a number (milliseconds, as browsers give them, or already
   * microseconds) or an ISO-8601 string; {@code fallback} when absent.
   */
  static long micros(JsonNode value, String field, long fallback) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return fallback;
    }
    if (value.isNumber()) {
      double n = value.asDouble();
      if (n > 1e14) {
        return (long) n;
      }
      if (n > 1e11) {
        return Math.round(n * 1000);
      }
      if (n > 1e8) {
        return Math.round(n * 1_000_000);
      }
      throw new InvalidEventException(field, "must be a time in milliseconds since the epoch or ISO-8601");
    }
    if (value.isTextual()) {
      try {
        Instant t = Instant.parse(value.textValue());
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
      } catch (DateTimeParseException e) {
        throw new InvalidEventException(field, "must be ISO-8601 such as 2024-01-01T12:00:00Z");
      }
    }
    throw new InvalidEventException(field, "must be a time in milliseconds since the epoch or ISO-8601");
  }

  static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  /**
   * An enumerated value. The seeds document enumerations inline ({@code "level": "log|warn|error"});
   * payloads copied from them are accepted by taking the first alternative.
   */
  static String choice(JsonNode node) {
    String value = text(node);
    if (value == null) {
      return null;
    }
    int bar = value.indexOf('|');
    return bar > 0 ? value.substring(0, bar) : value;
  }
}
