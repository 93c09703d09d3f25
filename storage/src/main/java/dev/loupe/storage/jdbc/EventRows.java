package dev.loupe.storage.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.event.Category;
import dev.loupe.event.DetailLevel;
import dev.loupe.event.Envelope;
import dev.loupe.event.Event;
import dev.loupe.event.EventCodec;
import dev.loupe.event.EventHead;
import dev.loupe.event.EventJsonLayout;
import dev.loupe.event.EventJson;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The events table's columns and how an envelope maps to a row and back.
 *
 * <p>The fields that are filtered or indexed are columns; {@code source} and {@code data} are JSON
 * text cut straight out of the envelope's encoded event (stored exactly as logged, without
 * serializing a tree again). There is no category column: the category is the type's prefix, so a
 * category filter is a range on {@code type} ({@code type >= 'console.' AND type < 'console/'}),
 * which the (type, ts) index serves. Reading a row assembles the event's JSON with
 * {@link EventCodec} from the columns and the stored JSON text, without parsing it, so stored and
 * logged events have the same JSON form (byte for byte in SQLite; PostgreSQL's jsonb normalizes
 * spacing and key order inside {@code source} and {@code data}).
 */
public final class EventRows {
  /** Column order of {@link #bind} and {@link #read}. */
  public static final String COLUMNS = "seq, received_at, project, ts, type, detail_level, session_id, url, source, "
      + "data, truncated";

  private EventRows() {}

  public static String insertSql(SqlDialect d) {
    String json = d.jsonParam();
    return "INSERT INTO events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, " + json + ", " + json + ", ?)";
  }

  /** Binds one envelope to {@link #insertSql}. */
  public static void bind(PreparedStatement ps, Envelope e, SqlDialect d) throws SQLException {
    EventHead ev = e.head();
    ps.setLong(1, e.seq());
    ps.setLong(2, e.receivedAt());
    ps.setString(3, e.project());
    ps.setLong(4, ev.ts());
    ps.setString(5, ev.type());
    ps.setString(6, ev.detailLevel().wireName());
    setText(ps, 7, d.text(ev.sessionId()));
    setText(ps, 8, d.text(ev.url()));
    JsonParts parts = JsonParts.of(e);
    ps.setString(9, d.json(parts.source()));
    setText(ps, 10, d.json(parts.data()));
    ps.setBoolean(11, ev.truncated());
  }

  /** The lower bound of a category's types, for {@code type >= ? AND type < ?}. */
  public static String categoryFrom(Category c) {
    return c.wireName() + ".";
  }

  /** The (exclusive) upper bound of a category's types: '/' follows '.'. */
  public static String categoryTo(Category c) {
    return c.wireName() + "/";
  }

  /** The event's source and data as JSON text, cut from its encoding. */
  public record JsonParts(String source, String data) {

    public static JsonParts of(Envelope e) {
      byte[] json = e.eventJson();
      int[] r = EventJsonLayout.valueRanges(json, "source", "data");
      String source = r[0] < 0 ? null : new String(json, r[0], r[1] - r[0], StandardCharsets.UTF_8);
      boolean hasData = r[2] >= 0 && json[r[2]] == '{';
      String data = hasData ? new String(json, r[2], r[3] - r[2], StandardCharsets.UTF_8) : null;
      return new JsonParts(source, data);
    }
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

  /**
   * The envelope of the current row (columns in {@link #COLUMNS} order, starting at 1). The event's
   * JSON is assembled from the columns and the stored source and data text without parsing them;
   * the event object is decoded only if someone asks for it ({@link Envelope#ofEncodedEvent}).
   */
  public static Envelope read(ResultSet rs) throws SQLException {
    String type = rs.getString(5);
    Category category = Category.ofType(type);
    DetailLevel detail = DetailLevel.fromWireName(rs.getString(6));
    String source = rs.getString(9);
    if (category == null || detail == null || source == null) {
      throw new SQLException("stored event " + rs.getLong(1) + " has an unknown type, detail level or no source");
    }
    byte[] json = EventCodec.encode(rs.getLong(4), type, category, detail, rs.getString(7), rs.getString(8), source,
        rs.getString(10), rs.getBoolean(11));
    return Envelope.ofEncodedEvent(rs.getLong(1), rs.getLong(2), rs.getString(3), json);
  }
}
