package dev.loupe.storage.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.loupe.storage.CheckpointStore;
import dev.loupe.storage.EventQuery;
import dev.loupe.storage.EventWriter;
import dev.loupe.storage.Health;
import dev.loupe.storage.Retention;
import dev.loupe.storage.RetentionPolicy;
import dev.loupe.storage.ScreenshotQuery;
import dev.loupe.storage.SessionQuery;
import dev.loupe.storage.Storage;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.StorageKind;
import dev.loupe.storage.jdbc.JdbcQueries;
import dev.loupe.storage.jdbc.WriteHook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * The {@code sqlite} backend: one file, migrated by Flyway on open, written through one
 * {@link SqliteWriter} connection and read through a small pool of connections.
 */
public final class SqliteStorage implements Storage {
  private final Path file;
  private final SqliteWriter writer;
  private final HikariDataSource reads;
  private final JdbcQueries queries;
  private final SqliteRetention retention;

  private SqliteStorage(Path file, int readConnections, RetentionPolicy policy) {
    this.file = file;
    this.writer = new SqliteWriter(SqliteFiles.dataSource(file, true));
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(SqliteFiles.dataSource(file, false));
    hc.setPoolName("loupe-sqlite-read");
    hc.setMaximumPoolSize(readConnections);
    hc.setMinimumIdle(1);
    hc.setConnectionTimeout(10_000);
    this.reads = new HikariDataSource(hc);
    this.queries = new JdbcQueries(reads, SqliteDialect.INSTANCE);
    this.retention = new SqliteRetention(writer, policy);
  }

  /** Opens (creating and migrating when needed) the database file. */
  public static SqliteStorage open(Path file, int readConnections, RetentionPolicy policy) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Flyway.configure()
          .dataSource(SqliteFiles.dataSource(file, true))
          .locations("classpath:db/migration/sqlite")
          .load()
          .migrate();
    } catch (IOException | RuntimeException e) {
      throw new StorageException("opening SQLite database " + file + " failed: " + e.getMessage(), e);
    }
    return new SqliteStorage(file, readConnections, policy);
  }

  @Override
  public StorageKind kind() {
    return StorageKind.SQLITE;
  }

  @Override
  public EventWriter writer() {
    return writer;
  }

  @Override
  public CheckpointStore checkpoints() {
    return writer;
  }

  @Override
  public SessionQuery sessions() {
    return queries;
  }

  @Override
  public EventQuery events() {
    return queries;
  }

  @Override
  public ScreenshotQuery screenshots() {
    return queries;
  }

  @Override
  public Retention retention() {
    return retention;
  }

  @Override
  public Health check() {
    try (Connection c = reads.getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM checkpoint")) {
      rs.next();
      return Health.ok("sqlite " + file);
    } catch (SQLException e) {
      return Health.failed("sqlite " + file + ": " + e.getMessage());
    }
  }

  /** Test seam: stages of every write transaction. */
  public void writeHook(WriteHook hook) {
    writer.hook(hook);
  }

  /** Deletes every row (tests). */
  public void clear() {
    Connection c = null;
    try {
      c = writer.acquire();
      try (Statement s = c.createStatement()) {
        for (String table : new String[] {"events", "sessions", "screenshots", "checkpoint"}) {
          s.executeUpdate("DELETE FROM " + table);
        }
      }
      c.commit();
      writer.release(c, false);
    } catch (SQLException e) {
      if (c != null) {
        writer.release(c, true);
      }
      throw new StorageException("clearing failed", e);
    }
  }

  @Override
  public void close() {
    writer.close();
    reads.close();
  }
}
