package dev.loupe.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open a backend ({@code loupe serve --storage memory|sqlite|postgres --postgres-url …}).
 *
 * @param kind which backend
 * @param sqlitePath the SQLite database file (for {@code sqlite})
 * @param postgresUrl a {@code jdbc:postgresql://…} URL (for {@code postgres})
 * @param postgresSchema schema to create and use, or null for the connection's default
 * @param poolSize connections for queries (PostgreSQL pool; SQLite read connections)
 * @param retention what to keep, and {@code retentionInterval} how often to apply it
 * @param memoryMaxSessions sessions the memory backend keeps (least recently active dropped first)
 */
public record StorageConfig(
    StorageKind kind,
    Path sqlitePath,
    String postgresUrl,
    String postgresUser,
    String postgresPassword,
    String postgresSchema,
    int poolSize,
    RetentionPolicy retention,
    Duration retentionInterval,
    int memoryMaxSessions) {

  public StorageConfig {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(retentionInterval, "retentionInterval");
    if (kind == StorageKind.SQLITE && sqlitePath == null) {
      throw new IllegalArgumentException("the sqlite backend needs a database path");
    }
    if (kind == StorageKind.POSTGRES && (postgresUrl == null || !postgresUrl.startsWith("jdbc:postgresql:"))) {
      throw new IllegalArgumentException("the postgres backend needs a jdbc:postgresql:// URL");
    }
    if (poolSize < 1 || memoryMaxSessions < 1) {
      throw new IllegalArgumentException("poolSize and memoryMaxSessions must be positive");
    }
  }

  public static Builder builder(StorageKind kind) {
    return new Builder(kind);
  }

  /** Builder with the defaults: pool of 4, default retention applied hourly, 10 000 memory sessions. */
  public static final class Builder {
    private final StorageKind kind;
    private Path sqlitePath;
    private String postgresUrl;
    private String postgresUser;
    private String postgresPassword;
    private String postgresSchema;
    private int poolSize = 4;
    private RetentionPolicy retention = RetentionPolicy.defaults();
    private Duration retentionInterval = Duration.ofHours(1);
    private int memoryMaxSessions = 10_000;

    private Builder(StorageKind kind) {
      this.kind = kind;
    }

    /** The SQLite file, usually {@code <data dir>/loupe.db}. */
    public Builder sqlitePath(Path path) {
      this.sqlitePath = path;
      return this;
    }

    public Builder postgres(String url, String user, String password) {
      this.postgresUrl = url;
      this.postgresUser = user;
      this.postgresPassword = password;
      return this;
    }

    public Builder postgresSchema(String schema) {
      this.postgresSchema = schema;
      return this;
    }

    public Builder poolSize(int size) {
      this.poolSize = size;
      return this;
    }

    public Builder retention(RetentionPolicy policy) {
      this.retention = policy;
      return this;
    }

    public Builder retentionInterval(Duration interval) {
      this.retentionInterval = interval;
      return this;
    }

    public Builder memoryMaxSessions(int max) {
      this.memoryMaxSessions = max;
      return this;
    }

    public StorageConfig build() {
      return new StorageConfig(kind, sqlitePath, postgresUrl, postgresUser, postgresPassword, postgresSchema, poolSize,
          retention, retentionInterval, memoryMaxSessions);
    }
  }
}
