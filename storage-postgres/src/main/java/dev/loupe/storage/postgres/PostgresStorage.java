package dev.loupe.storage.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.loupe.storage.CheckpointStore;
import dev.loupe.storage.EventQuery;
import dev.loupe.storage.EventWriter;
import dev.loupe.storage.Health;
import dev.loupe.storage.Retention;
import dev.loupe.storage.RetentionPolicy;
import dev.loupe.storage.RetentionResult;
import dev.loupe.storage.ScreenshotQuery;
import dev.loupe.storage.SessionQuery;
import dev.loupe.storage.Storage;
import dev.loupe.storage.StorageConfig;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.StorageKind;
import dev.loupe.storage.jdbc.JdbcQueries;
import dev.loupe.storage.jdbc.WriteHook;
import dev.loupe.time.Clock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;

/**
 * The {@code postgres} backend: one HikariCP pool for the writer and the queries, Flyway migration
 * on open (into {@link StorageConfig#postgresSchema()} when set), and the day partitions of today
 * and the next three days created on open and at every retention pass.
 */
public final class PostgresStorage implements Storage {
  private static final int DAYS_AHEAD = 3;
  private final String description;
  private final HikariDataSource pool;
  private final PostgresWriter writer;
  private final JdbcQueries queries;
  private final PostgresRetention retention;
  private final Clock clock;

  private PostgresStorage(StorageConfig config, Clock clock, PostgresInsertMode mode) {
    this.clock = clock;
    this.description = "postgres " + config.postgresUrl().replaceAll("\\?.*", "")
        + (config.postgresSchema() == null ? "" : " schema " + config.postgresSchema());
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(config.postgresUrl());
    hc.setUsername(config.postgresUser());
    hc.setPassword(config.postgresPassword());
    if (config.postgresSchema() != null) {
      hc.setSchema(config.postgresSchema());
    }
    hc.setPoolName("loupe-postgres");
    hc.setMaximumPoolSize(config.poolSize() + 1);
    hc.setMinimumIdle(1);
    hc.setConnectionTimeout(5_000);
    hc.setValidationTimeout(2_000);
    hc.addDataSourceProperty("reWriteBatchedInserts", "true");
    hc.addDataSourceProperty("connectTimeout", "5");
    hc.addDataSourceProperty("socketTimeout", "60");
    hc.addDataSourceProperty("tcpKeepAlive", "true");
    this.pool = new HikariDataSource(hc);
    this.writer = new PostgresWriter(pool, mode);
    this.queries = new JdbcQueries(pool, PostgresDialect.INSTANCE);
    this.retention = new PostgresRetention(pool, writer, config.retention());
  }

  /** Migrates the schema and opens the pool; inserts events by COPY. */
  public static PostgresStorage open(StorageConfig config, Clock clock) {
    return open(config, clock, PostgresInsertMode.COPY);
  }

  /** As {@link #open(StorageConfig, Clock)} with a choice of how events are inserted. */
  public static PostgresStorage open(StorageConfig config, Clock clock, PostgresInsertMode mode) {
    try {
      var flyway = Flyway.configure()
          .dataSource(config.postgresUrl(), config.postgresUser(), config.postgresPassword())
          .locations("classpath:db/migration/postgres");
      if (config.postgresSchema() != null) {
        flyway.schemas(config.postgresSchema()).defaultSchema(config.postgresSchema()).createSchemas(true);
      }
      flyway.load().migrate();
    } catch (RuntimeException e) {
      throw new StorageException("migrating PostgreSQL failed: " + e.getMessage(), e);
    }
    PostgresStorage s = new PostgresStorage(config, clock, mode);
    try {
      s.createPartitionsAhead();
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  /** Creates the partitions of today and the next {@value #DAYS_AHEAD} days (UTC). */
  void createPartitionsAhead() {
    long today = Math.floorDiv(clock.epochMicros(), PostgresWriter.DAY_MICROS);
    Set<Long> days = new TreeSet<>();
    for (long d = today; d <= today + DAYS_AHEAD; d++) {
      days.add(d);
    }
    try (Connection c = pool.getConnection()) {
      writer.ensurePartitions(c, days);
    } catch (SQLException e) {
      throw new StorageException("creating partitions failed: " + e.getMessage(), e);
    }
  }

  @Override
  public StorageKind kind() {
    return StorageKind.POSTGRES;
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
    return now -> {
      RetentionResult r = retention.apply(now);
      createPartitionsAhead();
      return r;
    };
  }

  @Override
  public Health check() {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("SELECT 1 FROM checkpoint LIMIT 1");
      return Health.ok(description);
    } catch (SQLException | RuntimeException e) {
      return Health.failed(description + ": " + e.getMessage());
    }
  }

  /** Test seam: stages of every write transaction. */
  public void writeHook(WriteHook hook) {
    writer.hook(hook);
  }

  /** Deletes every row and every day partition (tests). */
  public void clear() {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
         PreparedStatement drop = c.prepareStatement("SELECT loupe_drop_day_partitions_before(?)")) {
      drop.setLong(1, Long.MAX_VALUE);
      drop.execute();
      s.execute("TRUNCATE events, sessions, screenshots, checkpoint");
      writer.forgetPartitions();
    } catch (SQLException e) {
      throw new StorageException("clearing failed", e);
    }
    createPartitionsAhead();
  }

  @Override
  public void close() {
    pool.close();
  }
}
