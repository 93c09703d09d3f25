package dev.loupe.storage.jdbc;

import dev.loupe.event.Category;
import dev.loupe.event.Envelope;
import dev.loupe.storage.EventFilter;
import dev.loupe.storage.EventQuery;
import dev.loupe.storage.Page;
import dev.loupe.storage.ScreenshotImage;
import dev.loupe.storage.ScreenshotInfo;
import dev.loupe.storage.ScreenshotQuery;
import dev.loupe.storage.Session;
import dev.loupe.storage.SessionCursor;
import dev.loupe.storage.SessionFilter;
import dev.loupe.storage.SessionQuery;
import dev.loupe.storage.SessionSort;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.TypeGlob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Session, event and screenshot queries over read connections. Filters become SQL conditions whose
 * values are all bind parameters; sort columns come from {@link SessionSort}. Sessions page by
 * keyset on (sort key, session id), events by seq; both fetch one row more than asked to know
 * whether a next page exists.
 */
public final class JdbcQueries implements SessionQuery, EventQuery, ScreenshotQuery {
  private final DataSource reads;
  private final SqlDialect dialect;

  public JdbcQueries(DataSource reads, SqlDialect dialect) {
    this.reads = reads;
    this.dialect = dialect;
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T read(String what, Work<T> work) {
    try (Connection c = reads.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StorageException(what + " failed: " + e.getMessage(), e);
    }
  }

  private static long count(Connection c, SqlQuery where) throws SQLException {
    SqlQuery q = new SqlQuery().sql("SELECT count(*) FROM ").sql(where.text());
    q.params().addAll(where.params());
    try (PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // ---- sessions -----------------------------------------------------------------------------

  @Override
  public Optional<Session> get(String sessionId) {
    return read("reading session", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + SessionRows.COLUMNS
          + " FROM sessions WHERE session_id = ?")) {
        ps.setString(1, dialect.text(sessionId));
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(SessionRows.read(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public Page<Session> list(SessionFilter f) {
    SessionCursor cursor = f.decodedCursor();
    SqlQuery where = new SqlQuery().sql("sessions WHERE 1 = 1");
    if (f.from() != null) {
      where.sql(" AND started_at >= ?", f.from());
    }
    if (f.to() != null) {
      where.sql(" AND started_at < ?", f.to());
    }
    if (f.userId() != null) {
      where.sql(" AND user_id = ?", dialect.text(f.userId()));
    }
    if (f.urlContains() != null) {
      where.sql(" AND page_url IS NOT NULL AND " + dialect.contains("page_url"), dialect.text(f.urlContains()));
    }
    if (f.hasErrors() != null) {
      where.sql(f.hasErrors() ? " AND error_count > 0" : " AND error_count = 0");
    }
    SessionSort sort = f.sort();
    String col = sort.column().sql();
    String dir = sort.descending() ? "DESC" : "ASC";
    String cmp = sort.descending() ? "<" : ">";
    SqlQuery page = new SqlQuery().sql("SELECT " + SessionRows.COLUMNS + " FROM ").sql(where.text());
    page.params().addAll(where.params());
    if (cursor != null) {
      page.sql(" AND (" + col + " " + cmp + " ? OR (" + col + " = ? AND session_id " + cmp + " ?))",
          cursor.key(), cursor.key(), dialect.text(cursor.sessionId()));
    }
    page.sql(" ORDER BY " + col + " " + dir + ", session_id " + dir + " LIMIT ? OFFSET ?", f.limit() + 1, f.offset());
    return read("listing sessions", c -> {
      long total = count(c, where);
      List<Session> rows = new ArrayList<>();
      try (PreparedStatement ps = page.prepare(c); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(SessionRows.read(rs));
        }
      }
      String next = null;
      if (rows.size() > f.limit()) {
        rows.remove(rows.size() - 1);
        Session last = rows.get(rows.size() - 1);
        next = f.offset() == 0 ? new SessionCursor(sort, sort.keyOf(last), last.sessionId()).encode() : null;
      }
      return new Page<>(rows, total, next);
    });
  }

  // ---- events -------------------------------------------------------------------------------

  @Override
  public Page<Envelope> list(EventFilter f) {
    SqlQuery where = new SqlQuery().sql("events WHERE 1 = 1");
    if (f.sessionId() != null) {
      where.sql(" AND session_id = ?", dialect.text(f.sessionId()));
    }
    if (!f.categories().isEmpty()) {
      where.sql(" AND (");
      int i = 0;
      for (Category c : f.categories()) {
        where.sql((i++ > 0 ? " OR " : "") + "(type >= ? AND type < ?)", EventRows.categoryFrom(c),
            EventRows.categoryTo(c));
      }
      where.sql(")");
    }
    if (!f.types().isEmpty()) {
      where.sql(" AND (");
      for (int i = 0; i < f.types().size(); i++) {
        TypeGlob g = f.types().get(i);
        where.sql((i > 0 ? " OR " : "") + "type LIKE ? ESCAPE '\\'", g.likePattern());
      }
      where.sql(")");
    }
    if (f.from() != null) {
      where.sql(" AND ts >= ?", f.from());
    }
    if (f.to() != null) {
      where.sql(" AND ts < ?", f.to());
    }
    if (f.afterSeq() != null) {
      where.sql(" AND seq > ?", f.afterSeq());
    }
    if (f.q() != null) {
      String q = dialect.text(f.qLower());
      where.sql(" AND (" + dialect.containsLowercase("data") + " OR (url IS NOT NULL AND "
          + dialect.containsLowercase("url") + ") OR " + dialect.containsLowercase("type") + ")", q, q, q);
    }
    SqlQuery page = new SqlQuery().sql("SELECT " + EventRows.COLUMNS + " FROM ").sql(where.text());
    page.params().addAll(where.params());
    if (f.cursor() != null) {
      page.sql(" AND seq > ?", f.cursor());
    }
    page.sql(" ORDER BY seq LIMIT ? OFFSET ?", f.limit() + 1, f.offset());
    return read("listing events", c -> {
      long total = count(c, where);
      List<Envelope> rows = new ArrayList<>();
      try (PreparedStatement ps = page.prepare(c)) {
        ps.setFetchSize(Math.min(f.limit() + 1, 1000));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(EventRows.read(rs));
          }
        }
      }
      String next = null;
      if (rows.size() > f.limit()) {
        rows.remove(rows.size() - 1);
        next = f.offset() == 0 ? Long.toString(rows.get(rows.size() - 1).seq()) : null;
      }
      return new Page<>(rows, total, next);
    });
  }

  // ---- screenshots --------------------------------------------------------------------------

  @Override
  public Page<ScreenshotInfo> bySession(String sessionId, int limit, int offset) {
    SqlQuery where = new SqlQuery().sql("screenshots WHERE session_id = ?", dialect.text(sessionId));
    return read("listing screenshots", c -> {
      long total = count(c, where);
      List<ScreenshotInfo> rows = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT screenshot_id, session_id, ts, page_url, format, width, "
          + "height, size FROM screenshots WHERE session_id = ? ORDER BY ts, screenshot_id LIMIT ? OFFSET ?")) {
        ps.setString(1, dialect.text(sessionId));
        ps.setInt(2, limit);
        ps.setInt(3, offset);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(new ScreenshotInfo(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                rs.getString(5), SessionRows.nullableInt(rs, 6), SessionRows.nullableInt(rs, 7),
                rs.getLong(8)));
          }
        }
      }
      return new Page<>(rows, total, null);
    });
  }

  @Override
  public Optional<ScreenshotImage> image(long screenshotId) {
    return read("reading screenshot", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT data, format FROM screenshots WHERE screenshot_id = ?")) {
        ps.setLong(1, screenshotId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          byte[] bytes = rs.getBytes(1);
          return bytes == null ? Optional.empty() : Optional.of(new ScreenshotImage(bytes, rs.getString(2)));
        }
      }
    });
  }
}
