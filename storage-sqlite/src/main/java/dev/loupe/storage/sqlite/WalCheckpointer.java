package dev.loupe.storage.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteDataSource;

/**
 * Copies the WAL back into the database file on its own thread and connection, so that the writer
 * never does it inside a commit (SQLite's auto-checkpoint is turned off on the writer connection):
 * on a two-core machine this moves the page copying and its fsyncs to the other core. A passive
 * checkpoint runs every {@value #EVERY_MS} ms and never blocks the writer. Under continuous writes a
 * passive checkpoint is always a little behind, so the WAL would never start over and would keep
 * growing (and a large WAL slows every page lookup): past {@value #RESTART_PAGES} pages (40 MB) a
 * RESTART checkpoint waits for a gap between transactions, finishes, and lets the WAL start over.
 */
final class WalCheckpointer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);
  private static final long EVERY_MS = 250;
  private static final int RESTART_PAGES = 10_000;
  private final SQLiteDataSource source;
  private final ScheduledExecutorService thread;
  private Connection connection;

  WalCheckpointer(SQLiteDataSource source) {
    this.source = source;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "loupe-sqlite-checkpoint");
      t.setDaemon(true);
      return t;
    });
    thread.scheduleWithFixedDelay(this::checkpointQuietly, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
  }

  private void checkpointQuietly() {
    try {
      if (connection == null) {
        connection = source.getConnection();
      }
      if (walPages("PASSIVE") > RESTART_PAGES) {
        walPages("RESTART");
      }
    } catch (SQLException e) {
      LOG.warn("SQLite WAL checkpoint failed: {}", e.toString());
      closeConnection();
    }
  }

  /** Runs a checkpoint of the given mode (a fixed keyword); returns the WAL's size in pages. */
  private int walPages(String mode) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
      return rs.next() ? rs.getInt(2) : 0;
    }
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // reopened on the next run
      }
      connection = null;
    }
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeConnection();
  }
}
