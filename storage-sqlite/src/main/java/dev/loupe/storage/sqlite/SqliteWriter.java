package dev.loupe.storage.sqlite;

import dev.loupe.storage.jdbc.JdbcEventWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteDataSource;

/**
 * The one writer connection. SQLite allows one writer at a time; keeping a single connection (and
 * a lock shared with retention) means writes never wait on SQLite's busy handler. The connection
 * is discarded after a failed transaction and reopened by the next one.
 */
final class SqliteWriter extends JdbcEventWriter {
  private final SQLiteDataSource source;
  private final ReentrantLock lock = new ReentrantLock();
  private Connection connection;

  SqliteWriter(SQLiteDataSource source) {
    super(SqliteDialect.INSTANCE);
    this.source = source;
  }

  @Override
  protected Connection acquire() throws SQLException {
    lock.lock();
    try {
      if (connection == null || connection.isClosed()) {
        connection = source.getConnection();
        connection.setAutoCommit(false);
      }
      return connection;
    } catch (SQLException | RuntimeException e) {
      lock.unlock();
      throw e;
    }
  }

  @Override
  protected void release(Connection c, boolean failed) {
    try {
      if (failed) {
        closeQuietly();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Test seam: closes the writer connection now, as if it had broken. */
  void breakConnection() {
    Connection c = connection;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // it is being broken on purpose
      }
    }
  }

  private void closeQuietly() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // already broken
      }
      connection = null;
    }
  }

  void close() {
    lock.lock();
    try {
      closeQuietly();
    } finally {
      lock.unlock();
    }
  }
}
