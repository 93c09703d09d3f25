package dev.loupe.storage.postgres;

import dev.loupe.storage.StorageConfig;
import dev.loupe.storage.StorageKind;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real PostgreSQL for tests: the server on 127.0.0.1:5432 (trust auth, database {@code test},
 * user {@code postgres}) when it answers, otherwise an embedded one (zonky; binaries from Maven
 * Central) started once per JVM. Set {@code -Dloupe.test.postgres=embedded} to force the latter.
 * Every store gets its own uniquely named schema, dropped by {@link #dropSchemas()}.
 */
public final class TestPostgres {
  private static String baseUrl;
  private static EmbeddedPostgres embedded;
  private static final List<String> schemas = new ArrayList<>();

  private TestPostgres() {}

  public static synchronized String url() {
    if (baseUrl == null) {
      if (!"embedded".equals(System.getProperty("loupe.test.postgres")) && reachable("127.0.0.1", 5432)) {
        baseUrl = "jdbc:postgresql://127.0.0.1:5432/test";
      } else {
        try {
          embedded = EmbeddedPostgres.builder().start();
          Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::stopEmbedded));
        } catch (IOException e) {
          throw new UncheckedIOException("no PostgreSQL on 127.0.0.1:5432 and the embedded one did not start", e);
        }
        baseUrl = "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/postgres";
        System.err.println("tests use an embedded PostgreSQL at " + baseUrl);
      }
    }
    return baseUrl;
  }

  public static String host() {
    return "127.0.0.1";
  }

  public static int port() {
    url();
    return embedded == null ? 5432 : embedded.getPort();
  }

  /** A config for a fresh schema of its own. */
  public static StorageConfig config() {
    return configFor(url(), newSchema());
  }

  public static StorageConfig configFor(String url, String schema) {
    return StorageConfig.builder(StorageKind.POSTGRES).postgres(url, "postgres", "").postgresSchema(schema)
        .poolSize(3).build();
  }

  public static synchronized String newSchema() {
    String name = "loupe_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    schemas.add(name);
    return name;
  }

  public static synchronized void dropSchemas() {
    if (baseUrl == null) {
      return;
    }
    try (Connection c = DriverManager.getConnection(baseUrl, "postgres", ""); Statement s = c.createStatement()) {
      for (String schema : schemas) {
        // the names are generated above from hex digits only; DDL takes no bind parameters
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
      schemas.clear();
    } catch (SQLException e) {
      throw new IllegalStateException("dropping test schemas failed", e);
    }
  }

  private static boolean reachable(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void stopEmbedded() {
    try {
      embedded.close();
    } catch (IOException ignored) {
      // the JVM is exiting
    }
  }
}
