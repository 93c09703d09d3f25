package dev.loupe.storage.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.event.Category;
import dev.loupe.event.DetailLevel;
import dev.loupe.event.Envelope;
import dev.loupe.event.Event;
import dev.loupe.event.EventCodec;
import dev.loupe.event.EventJson;
import dev.loupe.event.Source;
import dev.loupe.event.SourceKind;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The events table's columns and how an envelope maps to a row and back. The event is stored in
 * columns (so that they can be filtered and indexed) and its {@code data} as JSON text; reading a
 * row rebuilds the event and encodes it with {@link EventCodec}, so stored and logged events have
 * the same JSON form (PostgreSQL's jsonb may reorder keys inside {@code data}).
 */
public final class EventRows {
  /** Column order of {@link #bind} and {@link #read}. */
  public static final String COLUMNS = "seq, received_at, project, ts, type, category, detail_level, session_id, url, "
      + "source_kind, source_name, source_event, source_metadata, data, truncated";
  public static final int COLUMN_COUNT = 15;

  private EventRows() {}

  public static String insertSql(SqlDialect d) {
    String json = d.jsonParam();
    return "INSERT INTO events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + json + ", " + json + ", ?)";
  }

  /** Binds one envelope to {@link #insertSql}. */
  public static void bind(PreparedStatement ps, Envelope e, SqlDialect d) throws SQLException {
    Event ev = e.event();
    ps.setLong(1, e.seq());
    ps.setLong(2, e.receivedAt());
    ps.setString(3, e.project());
    ps.setLong(4, ev.ts());
    ps.setString(5, ev.type());
    ps.setString(6, ev.category().wireName());
    ps.setString(7, ev.detailLevel().wireName());
    setText(ps, 8, d.text(ev.sessionId()));
    setText(ps, 9, d.text(ev.url()));
    ps.setString(10, ev.source().kind().wireName());
    setText(ps, 11, d.text(ev.source().name()));
    setText(ps, 12, d.text(ev.source().event()));
    setText(ps, 13, ev.source().metadata() == null ? null : d.json(json(ev.source().metadata())));
    setText(ps, 14, ev.data() == null ? null : d.json(json(ev.data())));
    ps.setBoolean(15, ev.truncated());
  }

  /** The node as compact JSON text. */
  public static String json(JsonNode node) {
    try {
      return EventJson.mapper().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  private static void setText(PreparedStatement ps, int i, String value) throws SQLException {
    if (value == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, value);
    }
  }

  /** The envelope of the current row (columns in {@link #COLUMNS} order, starting at 1). */
  public static Envelope read(ResultSet rs) throws SQLException {
    long seq = rs.getLong(1);
    long receivedAt = rs.getLong(2);
    String project = rs.getString(3);
    Source source = new Source(SourceKind.fromWireName(rs.getString(10)), rs.getString(11), rs.getString(12),
        object(rs.getString(13)));
    Event event = new Event(rs.getLong(4), rs.getString(5), Category.fromWireName(rs.getString(6)),
        DetailLevel.fromWireName(rs.getString(7)), rs.getString(8), rs.getString(9), source, object(rs.getString(14)),
        rs.getBoolean(15));
    return new Envelope(seq, receivedAt, project, event, EventCodec.encode(event));
  }

  private static ObjectNode object(String json) throws SQLException {
    if (json == null) {
      return null;
    }
    try {
      JsonNode node = EventJson.mapper().readTree(json);
      return node instanceof ObjectNode o ? o : null;
    } catch (JsonProcessingException e) {
      throw new SQLException("stored JSON is malformed", e);
    }
  }
}
