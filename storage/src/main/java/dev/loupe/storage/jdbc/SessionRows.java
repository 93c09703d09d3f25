package dev.loupe.storage.jdbc;

import dev.loupe.storage.Session;
import dev.loupe.storage.SessionAggregate;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** The sessions table's columns and their mapping to {@link Session} and {@link SessionAggregate}. */
public final class SessionRows {
  /** Column order of {@link #read} and {@link #bind}; {@code page_url_ts} comes last. */
  public static final String COLUMNS = "session_id, project, started_at, last_activity_at, ended_at, page_url, referrer, "
      + "user_agent, device_type, browser, os, viewport_width, viewport_height, screen_width, screen_height, user_id, "
      + "event_count, error_count, page_count, screenshot_count, page_url_ts";
  private static final String[] NAMES = COLUMNS.split(", ");

  private SessionRows() {}

  /** Insert, or replace every column of a stored session with the folded values. */
  public static String upsertSql() {
    StringBuilder set = new StringBuilder();
    for (int i = 1; i < NAMES.length; i++) {
      set.append(i > 1 ? ", " : "").append(NAMES[i]).append(" = excluded.").append(NAMES[i]);
    }
    return "INSERT INTO sessions (" + COLUMNS + ") VALUES (" + SqlQuery.placeholders(NAMES.length)
        + ") ON CONFLICT (session_id) DO UPDATE SET " + set;
  }

  public static Session read(ResultSet rs) throws SQLException {
    return new Session(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), nullableLong(rs, 5),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
        nullableInt(rs, 12), nullableInt(rs, 13), nullableInt(rs, 14), nullableInt(rs, 15), rs.getString(16),
        rs.getLong(17), rs.getLong(18), rs.getLong(19), rs.getLong(20));
  }

  /** The stored aggregate of the current row, ready to fold more events into. */
  public static SessionAggregate readAggregate(ResultSet rs) throws SQLException {
    return SessionAggregate.restore(read(rs), rs.getLong(21));
  }

  public static void bind(PreparedStatement ps, SessionAggregate a, SqlDialect d) throws SQLException {
    Session s = a.toSession();
    ps.setString(1, s.sessionId());
    ps.setString(2, s.project());
    ps.setLong(3, s.startedAt());
    ps.setLong(4, s.lastActivityAt());
    setLong(ps, 5, s.endedAt());
    setText(ps, 6, d.text(s.pageUrl()));
    setText(ps, 7, d.text(s.referrer()));
    setText(ps, 8, d.text(s.userAgent()));
    setText(ps, 9, d.text(s.deviceType()));
    setText(ps, 10, d.text(s.browser()));
    setText(ps, 11, d.text(s.os()));
    setInt(ps, 12, s.viewportWidth());
    setInt(ps, 13, s.viewportHeight());
    setInt(ps, 14, s.screenWidth());
    setInt(ps, 15, s.screenHeight());
    setText(ps, 16, d.text(s.userId()));
    ps.setLong(17, s.eventCount());
    ps.setLong(18, s.errorCount());
    ps.setLong(19, s.pageCount());
    ps.setLong(20, s.screenshotCount());
    ps.setLong(21, a.pageUrlTs());
  }

  private static Long nullableLong(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : v;
  }

  static Integer nullableInt(ResultSet rs, int i) throws SQLException {
    int v = rs.getInt(i);
    return rs.wasNull() ? null : v;
  }

  private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setInt(i, v);
    }
  }

  private static void setText(PreparedStatement ps, int i, String v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, v);
    }
  }
}
