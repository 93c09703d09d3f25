package dev.loupe.storage.jdbc;

import dev.loupe.event.Envelope;
import dev.loupe.storage.CheckpointStore;
import dev.loupe.storage.EventWriter;
import dev.loupe.storage.ScreenshotInfo;
import dev.loupe.storage.SessionAggregate;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.WriteBatch;
import dev.loupe.storage.WriteResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The write transaction of the SQL backends.
 *
 * <h2>One transaction per batch</h2>
 * <ol>
 *   <li>Find which of the batch's seqs are already stored (one range probe on the seq index) and
 *       keep only the new envelopes: re-writing a seq is a no-op and never counts twice.</li>
 *   <li>Insert the new events ({@link #insertEvents}: a prepared-statement batch, or COPY).</li>
 *   <li>Load the stored rows of the sessions they touch, fold the new events in with
 *       {@link SessionAggregate} (the rules every backend shares) and upsert the rows.</li>
 *   <li>Insert the screenshots (metadata and bytes).</li>
 *   <li>Record the checkpoint (never moving it backwards), then commit.</li>
 * </ol>
 * The read-fold-write of sessions needs one writer at a time: SQLite's immediate transactions and
 * a PostgreSQL advisory lock ({@link SqlDialect#writerLockSql}) make sure of it. Subclasses supply
 * the connection and may replace the event insert.
 */
public abstract class JdbcEventWriter implements EventWriter, CheckpointStore {
  private static final int IN_CHUNK = 500;
  protected final SqlDialect dialect;
  private final String insertEvents;
  private final String upsertSession;
  private volatile WriteHook hook = WriteHook.NONE;

  protected JdbcEventWriter(SqlDialect dialect) {
    this.dialect = dialect;
    this.insertEvents = EventRows.insertSql(dialect);
    this.upsertSession = SessionRows.upsertSql();
  }

  /** A connection for one write transaction (autocommit off). */
  protected abstract Connection acquire() throws SQLException;

  /** Gives the connection back; {@code failed} when the transaction failed and it may be broken. */
  protected abstract void release(Connection c, boolean failed);

  /** Runs before the transaction (e.g. creating partitions for the batch's days). */
  protected void prepare(Connection c, List<Envelope> fresh) throws SQLException {}

  /** Test seam: called at each stage of every write transaction. */
  public void hook(WriteHook hook) {
    this.hook = hook == null ? WriteHook.NONE : hook;
  }

  @Override
  public WriteResult write(WriteBatch batch) {
    Connection c = null;
    try {
      c = acquire();
      if (dialect.writerLockSql() != null) {
        try (Statement s = c.createStatement()) {
          s.execute(dialect.writerLockSql());
        }
      }
      List<Envelope> fresh = fresh(c, batch.envelopes());
      if (!fresh.isEmpty()) {
        prepare(c, fresh);
        insertEvents(c, fresh);
        hook.at(WriteHook.Stage.EVENTS_INSERTED, c);
        upsertSessions(c, fresh);
        hook.at(WriteHook.Stage.SESSIONS_UPSERTED, c);
        insertScreenshots(c, fresh, batch.screenshotBytes());
      }
      saveCheckpoint(c, batch.consumer(), batch.checkpoint());
      hook.at(WriteHook.Stage.CHECKPOINT_SAVED, c);
      c.commit();
      release(c, false);
      return new WriteResult(fresh.size(), batch.envelopes().size() - fresh.size());
    } catch (SQLException | RuntimeException e) {
      if (c != null) {
        rollbackQuietly(c);
        release(c, true);
      }
      throw e instanceof StorageException se ? se : new StorageException("writing a batch failed: " + e.getMessage(), e);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      if (!c.isClosed()) {
        c.rollback();
      }
    } catch (SQLException ignored) {
      // the connection is being discarded anyway
    }
  }

  private List<Envelope> fresh(Connection c, List<Envelope> envelopes) throws SQLException {
    if (envelopes.isEmpty()) {
      return envelopes;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (Envelope e : envelopes) {
      min = Math.min(min, e.seq());
      max = Math.max(max, e.seq());
    }
    Set<Long> stored = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM events WHERE seq >= ? AND seq <= ?")) {
      ps.setLong(1, min);
      ps.setLong(2, max);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          stored.add(rs.getLong(1));
        }
      }
    }
    if (stored.isEmpty()) {
      return envelopes;
    }
    List<Envelope> out = new ArrayList<>();
    for (Envelope e : envelopes) {
      if (stored.add(e.seq())) {
        out.add(e);
      }
    }
    return out;
  }

  /** Inserts the envelopes (none of which is stored yet). */
  protected void insertEvents(Connection c, List<Envelope> fresh) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(insertEvents)) {
      for (Envelope e : fresh) {
        EventRows.bind(ps, e, dialect);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void upsertSessions(Connection c, List<Envelope> fresh) throws SQLException {
    Map<String, SessionAggregate> touched = new LinkedHashMap<>();
    for (Envelope e : fresh) {
      if (e.head().sessionId() != null) {
        touched.put(e.head().sessionId(), null);
      }
    }
    if (touched.isEmpty()) {
      return;
    }
    List<String> ids = new ArrayList<>(touched.keySet());
    for (int from = 0; from < ids.size(); from += IN_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
      String sql = "SELECT " + SessionRows.COLUMNS + " FROM sessions WHERE session_id IN ("
          + SqlQuery.placeholders(chunk.size()) + ")";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, dialect.text(chunk.get(i)));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            SessionAggregate a = SessionRows.readAggregate(rs);
            touched.put(a.sessionId(), a);
          }
        }
      }
    }
    for (Envelope e : fresh) {
      String id = e.head().sessionId();
      if (id != null) {
        touched.computeIfAbsent(id, SessionAggregate::empty).add(e);
      }
    }
    try (PreparedStatement ps = c.prepareStatement(upsertSession)) {
      for (SessionAggregate a : touched.values()) {
        SessionRows.bind(ps, a, dialect);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void insertScreenshots(Connection c, List<Envelope> fresh, Map<Long, byte[]> bytes) throws SQLException {
    PreparedStatement ps = null;
    try {
      for (Envelope e : fresh) {
        if (!e.head().type().equals("screenshot.capture")) {
          continue;
        }
        if (ps == null) {
          ps = c.prepareStatement("INSERT INTO screenshots (screenshot_id, session_id, ts, page_url, format, width, "
              + "height, size, sha256, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (screenshot_id) DO NOTHING");
        }
        byte[] image = bytes.get(e.seq());
        ScreenshotInfo s = ScreenshotInfo.from(e, image);
        ps.setLong(1, s.screenshotId());
        ps.setString(2, dialect.text(s.sessionId()));
        ps.setLong(3, s.ts());
        ps.setString(4, dialect.text(s.pageUrl()));
        ps.setString(5, dialect.text(s.format()));
        ps.setObject(6, s.width(), Types.INTEGER);
        ps.setObject(7, s.height(), Types.INTEGER);
        ps.setLong(8, s.size());
        ps.setString(9, dialect.text(ScreenshotInfo.sha256(e)));
        ps.setBytes(10, image);
        ps.addBatch();
      }
      if (ps != null) {
        ps.executeBatch();
      }
    } finally {
      if (ps != null) {
        ps.close();
      }
    }
  }

  private static void saveCheckpoint(Connection c, String consumer, long seq) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO checkpoint (consumer, seq) VALUES (?, ?) "
        + "ON CONFLICT (consumer) DO UPDATE SET seq = CASE WHEN excluded.seq > checkpoint.seq "
        + "THEN excluded.seq ELSE checkpoint.seq END")) {
      ps.setString(1, consumer);
      ps.setLong(2, seq);
      ps.executeUpdate();
    }
  }

  @Override
  public long load(String consumer) {
    Connection c = null;
    try {
      c = acquire();
      long seq = 0;
      try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM checkpoint WHERE consumer = ?")) {
        ps.setString(1, consumer);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            seq = rs.getLong(1);
          }
        }
      }
      c.commit();
      release(c, false);
      return seq;
    } catch (SQLException e) {
      if (c != null) {
        rollbackQuietly(c);
        release(c, true);
      }
      throw new StorageException("loading checkpoint of " + consumer + " failed: " + e.getMessage(), e);
    }
  }
}
