package dev.loupe.storage.postgres;

import dev.loupe.event.Envelope;
import dev.loupe.event.EventHead;
import dev.loupe.storage.jdbc.EventRows;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Envelopes as COPY text-format rows for the events table (columns in {@link EventRows#COLUMNS}
 * order): tab-separated, {@code \N} for NULL, and backslash, tab, newline and carriage return
 * escaped. COPY carries values as data, never as SQL.
 */
final class CopyRows {
  static final String SQL = "COPY events (" + EventRows.COLUMNS + ") FROM STDIN";

  private CopyRows() {}

  private static boolean needsEscape(String value) {
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
        return true;
      }
    }
    return false;
  }

  static byte[] encode(List<Envelope> envelopes) {
    StringBuilder sb = new StringBuilder(envelopes.size() * 700);
    PostgresDialect d = PostgresDialect.INSTANCE;
    for (Envelope e : envelopes) {
      EventHead ev = e.head();
      EventRows.JsonParts parts = EventRows.JsonParts.of(e);
      sb.append(e.seq()).append('\t').append(e.receivedAt()).append('\t');
      field(sb, e.project());
      sb.append('\t').append(ev.ts()).append('\t');
      field(sb, ev.type());
      sb.append('\t');
      field(sb, ev.detailLevel().wireName());
      sb.append('\t');
      field(sb, d.text(ev.sessionId()));
      sb.append('\t');
      field(sb, d.text(ev.url()));
      sb.append('\t');
      field(sb, d.json(parts.source()));
      sb.append('\t');
      field(sb, d.json(parts.data()));
      sb.append('\t').append(ev.truncated() ? 't' : 'f').append('\n');
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(sb.length() + 64);
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
    return out.toByteArray();
  }

  private static void field(StringBuilder sb, String value) {
    if (value == null) {
      sb.append("\\N");
      return;
    }
    if (!needsEscape(value)) {
      sb.append(value);
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '\\' -> sb.append("\\\\");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> sb.append(ch);
      }
    }
  }
}
