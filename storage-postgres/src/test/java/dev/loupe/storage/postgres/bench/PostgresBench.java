package dev.loupe.storage.postgres.bench;

import dev.loupe.storage.StorageConfig;
import dev.loupe.storage.StorageKind;
import dev.loupe.storage.bench.StorageBench;
import dev.loupe.storage.postgres.PostgresInsertMode;
import dev.loupe.storage.postgres.PostgresStorage;
import dev.loupe.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The storage benchmarks against PostgreSQL on 127.0.0.1:5432 (database {@code test}, user
 * {@code postgres}; {@code -Dbench.pgUrl=…} to change), a fresh schema per part, dropped at the end:
 * {@code mvn -B -pl storage-postgres -am -Pbench -DskipTests verify [-Dbench.args=catchup,live,query]}.
 * {@code -Dbench.jvmArgs=-Dbench.pgInsert=MULTI_ROW_INSERT} measures the other insert mode;
 * {@code -Dbench.jvmArgs=-Dbench.schema=NAME} keeps the store in that schema (a full query store is reused).
 */
public final class PostgresBench {
  private PostgresBench() {}

  /** What autovacuum does in a steady state: statistics for the planner, dead upsert versions gone. */
  private static void vacuum(String url, String schema) {
    try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
      c.setSchema(schema);
      for (String table : new String[] {"sessions", "events"}) {
        s.execute("VACUUM ANALYZE " + table); // fixed names, in the bench's own schema
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("vacuum failed", e);
    }
  }

  public static void main(String[] args) throws Exception {
    String url = System.getProperty("bench.pgUrl", "jdbc:postgresql://127.0.0.1:5432/test");
    PostgresInsertMode mode = PostgresInsertMode.valueOf(System.getProperty("bench.pgInsert", "COPY"));
    Path dir = Files.createTempDirectory("loupe-postgres-bench");
    List<String> schemas = new ArrayList<>();
    String keep = System.getProperty("bench.schema");
    java.util.concurrent.atomic.AtomicReference<String> current = new java.util.concurrent.atomic.AtomicReference<>();
    try {
      new StorageBench("postgres (" + mode + ")", dir, () -> {
        String schema = keep != null ? keep
            : "loupe_bench_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        if (keep == null) {
          schemas.add(schema);
        }
        current.set(schema);
        StorageConfig config = StorageConfig.builder(StorageKind.POSTGRES).postgres(url, "postgres", "")
            .postgresSchema(schema).poolSize(4).build();
        return PostgresStorage.open(config, Clock.system(), mode);
      }, storage -> vacuum(url, current.get())).run(args);
    } finally {
      StorageBench.delete(dir);
      try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
        for (String schema : schemas) {
          s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE"); // generated hex names only
        }
      }
    }
  }
}
