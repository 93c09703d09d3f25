package dev.loupe.storage.sqlite;

import dev.loupe.event.Category;
import dev.loupe.storage.Retention;
import dev.loupe.storage.RetentionPolicy;
import dev.loupe.storage.RetentionResult;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.jdbc.EventRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Retention by batched deletes on the writer connection: each batch of at most {@value #BATCH}
 * rows is its own short transaction, so the store writer interleaves instead of waiting for a
 * whole day's delete. First everything older than the longest retention goes, then each category
 * with a shorter one, then screenshots and inactive sessions.
 */
final class SqliteRetention implements Retention {
  private static final int BATCH = 5000;
  private final SqliteWriter writer;
  private final RetentionPolicy policy;

  SqliteRetention(SqliteWriter writer, RetentionPolicy policy) {
    this.writer = writer;
    this.policy = policy;
  }

  @Override
  public RetentionResult apply(long nowMicros) {
    long oldest = nowMicros - policy.longest().toNanos() / 1000;
    long events = deleteAll("DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE ts < ? LIMIT ?)", null,
        oldest);
    for (Category c : Category.values()) {
      long cutoff = policy.cutoff(c, nowMicros);
      if (cutoff > oldest) {
        events += deleteAll("DELETE FROM events WHERE seq IN "
            + "(SELECT seq FROM events WHERE type >= ? AND type < ? AND ts < ? LIMIT ?)", c, cutoff);
      }
    }
    long shots = deleteAll("DELETE FROM screenshots WHERE screenshot_id IN "
        + "(SELECT screenshot_id FROM screenshots WHERE ts < ? LIMIT ?)", null,
        policy.cutoff(Category.SCREENSHOT, nowMicros));
    long sessions = deleteAll("DELETE FROM sessions WHERE session_id IN "
        + "(SELECT session_id FROM sessions WHERE last_activity_at < ? LIMIT ?)", null, oldest);
    return new RetentionResult(events, 0, shots, sessions);
  }

  private long deleteAll(String sql, Category category, long cutoff) {
    long total = 0;
    while (true) {
      int n = deleteBatch(sql, category, cutoff);
      total += n;
      if (n < BATCH) {
        return total;
      }
    }
  }

  private int deleteBatch(String sql, Category category, long cutoff) {
    Connection c = null;
    try {
      c = writer.acquire();
      int n;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        if (category != null) {
          ps.setString(i++, EventRows.categoryFrom(category));
          ps.setString(i++, EventRows.categoryTo(category));
        }
        ps.setLong(i++, cutoff);
        ps.setInt(i, BATCH);
        n = ps.executeUpdate();
      }
      c.commit();
      writer.release(c, false);
      return n;
    } catch (SQLException e) {
      if (c != null) {
        writer.release(c, true);
      }
      throw new StorageException("retention failed: " + e.getMessage(), e);
    }
  }
}
