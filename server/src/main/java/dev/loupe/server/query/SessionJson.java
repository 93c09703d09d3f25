package dev.loupe.server.query;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.loupe.storage.Session;
import java.io.IOException;
import java.time.Instant;

/** Sessions as the native API shows them (µs times) and as seed 002's routes did (RFC 3339 rows). */
final class SessionJson {
  private SessionJson() {}

  static void write(JsonGenerator g, Session s) throws IOException {
    g.writeStartObject();
    g.writeStringField("session_id", s.sessionId());
    g.writeStringField("project", s.project());
    g.writeNumberField("started_at", s.startedAt());
    g.writeNumberField("last_activity_at", s.lastActivityAt());
    number(g, "ended_at", s.endedAt());
    g.writeNumberField("duration_ms", s.durationMs());
    g.writeStringField("page_url", s.pageUrl());
    g.writeStringField("referrer", s.referrer());
    g.writeStringField("user_agent", s.userAgent());
    g.writeStringField("device_type", s.deviceType());
    g.writeStringField("browser", s.browser());
    g.writeStringField("os", s.os());
    number(g, "viewport_width", s.viewportWidth());
    number(g, "viewport_height", s.viewportHeight());
    number(g, "screen_width", s.screenWidth());
    number(g, "screen_height", s.screenHeight());
    g.writeStringField("user_id", s.userId());
    g.writeNumberField("event_count", s.eventCount());
    g.writeNumberField("error_count", s.errorCount());
    g.writeNumberField("page_count", s.pageCount());
    g.writeNumberField("screenshot_count", s.screenshotCount());
    g.writeBooleanField("has_errors", s.hasErrors());
    g.writeEndObject();
  }

  /** Seed 002's sessions table row. */
  static void writeSeedRow(JsonGenerator g, Session s) throws IOException {
    g.writeStartObject();
    g.writeStringField("session_id", s.sessionId());
    g.writeStringField("user_id", s.userId());
    g.writeNullField("fingerprint");
    g.writeStringField("started_at", iso(s.startedAt()));
    g.writeStringField("ended_at", s.endedAt() == null ? null : iso(s.endedAt()));
    g.writeStringField("last_activity_at", iso(s.lastActivityAt()));
    g.writeStringField("page_url", s.pageUrl());
    g.writeStringField("referrer", s.referrer());
    g.writeStringField("user_agent", s.userAgent());
    number(g, "screen_width", s.screenWidth());
    number(g, "screen_height", s.screenHeight());
    number(g, "viewport_width", s.viewportWidth());
    number(g, "viewport_height", s.viewportHeight());
    g.writeStringField("device_type", s.deviceType());
    g.writeStringField("browser", s.browser());
    g.writeStringField("os", s.os());
    g.writeObjectFieldStart("metadata");
    g.writeNumberField("event_count", s.eventCount());
    g.writeNumberField("error_count", s.errorCount());
    g.writeNumberField("page_count", s.pageCount());
    g.writeEndObject();
    g.writeEndObject();
  }

  static String iso(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L)
        .toString();
  }

  private static void number(JsonGenerator g, String field, Number n) throws IOException {
    if (n == null) {
      g.writeNullField(field);
    } else {
      g.writeNumberField(field, n.longValue());
    }
  }
}
