package dev.loupe.storage.postgres;

import dev.loupe.event.Category;
import dev.loupe.storage.Retention;
import dev.loupe.storage.RetentionPolicy;
import dev.loupe.storage.RetentionResult;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.jdbc.EventRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Retention by dropping whole day partitions once the entire day is older than the longest
 * retention (so events live up to one day past it; rows in the default partition are deleted
 * exactly), plus row deletes for categories with a shorter retention. Those deletes only look at
 * the ts range since the previous pass (remembered in the checkpoint table under
 * {@code retention:<category>}), so an hourly pass touches an hour of rows, not the whole table.
 */
final class PostgresRetention implements Retention {
  private final DataSource pool;
  private final PostgresWriter writer;
  private final RetentionPolicy policy;

  PostgresRetention(DataSource pool, PostgresWriter writer, RetentionPolicy policy) {
    this.pool = pool;
    this.writer = writer;
    this.policy = policy;
  }

  @Override
  public RetentionResult apply(long nowMicros) {
    long oldest = nowMicros - policy.longest().toNanos() / 1000;
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(true);
      int dropped;
      try (PreparedStatement ps = c.prepareStatement("SELECT loupe_drop_day_partitions_before(?)")) {
        ps.setLong(1, oldest);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          dropped = rs.getInt(1);
        }
      }
      if (dropped > 0) {
        writer.forgetPartitions();
      }
      long events = update(c, "DELETE FROM events_default WHERE ts < ?", oldest);
      for (Category cat : Category.values()) {
        long cutoff = policy.cutoff(cat, nowMicros);
        if (cutoff > oldest) {
          events += deleteCategory(c, cat, cutoff);
        }
      }
      long shots = update(c, "DELETE FROM screenshots WHERE ts < ?", policy.cutoff(Category.SCREENSHOT, nowMicros));
      long sessions = update(c, "DELETE FROM sessions WHERE last_activity_at < ?", oldest);
      return new RetentionResult(events, dropped, shots, sessions);
    } catch (SQLException e) {
      throw new StorageException("retention failed: " + e.getMessage(), e);
    }
  }

  private static long deleteCategory(Connection c, Category cat, long cutoff) throws SQLException {
    String consumer = "retention:" + cat.wireName();
    long since = 0;
    try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM checkpoint WHERE consumer = ?")) {
      ps.setString(1, consumer);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          since = rs.getLong(1);
        }
      }
    }
    if (since >= cutoff) {
      return 0;
    }
    c.setAutoCommit(false);
    try {
      long n;
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM events WHERE type >= ? AND type < ? AND ts >= ? AND ts < ?")) {
        ps.setString(1, EventRows.categoryFrom(cat));
        ps.setString(2, EventRows.categoryTo(cat));
        ps.setLong(3, since);
        ps.setLong(4, cutoff);
        n = ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO checkpoint (consumer, seq) VALUES (?, ?) "
          + "ON CONFLICT (consumer) DO UPDATE SET seq = excluded.seq")) {
        ps.setString(1, consumer);
        ps.setLong(2, cutoff);
        ps.executeUpdate();
      }
      c.commit();
      return n;
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static long update(Connection c, String sql, long cutoff) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, cutoff);
      return ps.executeUpdate();
    }
  }
}
