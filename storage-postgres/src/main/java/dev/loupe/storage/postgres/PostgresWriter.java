package dev.loupe.storage.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.loupe.event.Envelope;
import dev.loupe.storage.jdbc.JdbcEventWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes through a connection borrowed from the pool per batch (a broken one is evicted, so the
 * writer reconnects by itself after an outage). Events go in by COPY, or by a prepared batch that
 * the driver rewrites into multi-row INSERTs ({@link PostgresInsertMode}); the day partitions a batch needs
 * are created first, outside its transaction, so that a rolled-back batch never leaves the
 * partition cache believing in a partition that does not exist.
 */
final class PostgresWriter extends JdbcEventWriter {
  static final long DAY_MICROS = 86_400_000_000L;

  private static final int COPY_CHUNK = 500;
  private final HikariDataSource pool;
  private final PostgresInsertMode mode;
  private final Set<Long> partitions = ConcurrentHashMap.newKeySet();

  PostgresWriter(HikariDataSource pool, PostgresInsertMode mode) {
    super(PostgresDialect.INSTANCE);
    this.pool = pool;
    this.mode = mode;
  }

  @Override
  protected Connection acquire() throws SQLException {
    Connection c = pool.getConnection();
    c.setAutoCommit(false);
    return c;
  }

  @Override
  protected void release(Connection c, boolean failed) {
    if (failed) {
      pool.evictConnection(c);
    } else {
      try {
        c.close();
      } catch (SQLException ignored) {
        // returned to the pool either way
      }
    }
  }

  @Override
  protected void prepare(Connection c, List<Envelope> fresh) throws SQLException {
    Set<Long> days = new TreeSet<>();
    for (Envelope e : fresh) {
      long day = Math.floorDiv(e.head().ts(), DAY_MICROS);
      if (!partitions.contains(day)) {
        days.add(day);
      }
    }
    if (!days.isEmpty()) {
      ensurePartitions(c, days);
    }
  }

  /** Creates the day partitions (idempotent), each committed on its own. */
  void ensurePartitions(Connection c, Set<Long> days) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(true);
    try (PreparedStatement ps = c.prepareStatement("SELECT loupe_ensure_day_partition(?)")) {
      for (long day : days) {
        ps.setLong(1, day);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
        }
        partitions.add(day);
      }
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /** Forgets which partitions exist (after retention dropped some). */
  void forgetPartitions() {
    partitions.clear();
  }

  @Override
  protected void insertEvents(Connection c, List<Envelope> fresh) throws SQLException {
    if (mode == PostgresInsertMode.MULTI_ROW_INSERT) {
      super.insertEvents(c, fresh);
      return;
    }
    // Sent in chunks as they are encoded, so that the server parses one while the next is built.
    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(CopyRows.SQL);
    try {
      for (int from = 0; from < fresh.size(); from += COPY_CHUNK) {
        byte[] rows = CopyRows.encode(fresh.subList(from, Math.min(fresh.size(), from + COPY_CHUNK)));
        copy.writeToCopy(rows, 0, rows.length);
      }
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }
}
