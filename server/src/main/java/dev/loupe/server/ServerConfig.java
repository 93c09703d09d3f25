package dev.loupe.server;

import dev.loupe.pipeline.AckMode;
import dev.loupe.server.http.RateLimiter.RateLimitSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything {@code loupe serve} can be told, after flags, environment and config file have been
 * merged (see {@code dev.loupe.cli.ServeCommand}).
 *
 * @param rateLimit null when rate limiting is off
 * @param redactionRules a rules file replacing the defaults, or null
 * @param adminKey explicit admin key, or null to keep/create the stored one
 * @param ingestKey explicit ingest key of the default project, or null
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    StorageSettings storage,
    AckMode ack,
    RateLimitSpec rateLimit,
    List<String> trustedProxies,
    Set<String> corsOrigins,
    int maxBodyBytes,
    int maxEventsPerRequest,
    int maxRecordBytes,
    String adminKey,
    String ingestKey,
    Duration fsyncInterval,
    Duration logRetention,
    long logRetentionBytes,
    long minFreeDiskBytes,
    long bufferMemoryBytes,
    Path redactionRules,
    int streamMaxLag) {

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(storage, "storage");
    trustedProxies = List.copyOf(trustedProxies);
    corsOrigins = Set.copyOf(corsOrigins);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535");
    }
  }

  /**
   * Which store and how to reach it.
   *
   * @param postgresSchema the PostgreSQL schema Loupe creates and uses, or null for the connection's default
   */
  public record StorageSettings(String kind, String postgresUrl, String postgresUser, String postgresPassword,
      String postgresSchema, Duration eventRetention, Duration screenshotRetention) {
    static final Duration EVENT_RETENTION = Duration.ofDays(30);
    static final Duration SCREENSHOT_RETENTION = Duration.ofDays(7);

    public static StorageSettings memory() {
      return new StorageSettings("memory", null, null, null, null, EVENT_RETENTION, SCREENSHOT_RETENTION);
    }

    /** The embedded default: {@code loupe.db} in the data directory. */
    public static StorageSettings sqlite() {
      return new StorageSettings("sqlite", null, null, null, null, EVENT_RETENTION, SCREENSHOT_RETENTION);
    }

    public static StorageSettings postgres(String url, String user, String password, String schema) {
      return new StorageSettings("postgres", url, user, password, schema, EVENT_RETENTION, SCREENSHOT_RETENTION);
    }
  }

  /** The defaults of {@code loupe serve} for a data directory. */
  public static ServerConfig defaults(Path dataDir) {
    return new ServerConfig("127.0.0.1", 7070, dataDir, StorageSettings.sqlite(), AckMode.DURABLE,
        new RateLimitSpec(100, Duration.ofSeconds(60)), List.of(), Set.of(), 10 * 1024 * 1024, 1000, 1024 * 1024,
        null, null, Duration.ofMillis(10), Duration.ofDays(7), 10L << 30, 64L << 20, 500L << 20, null, 10_000);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes some settings of a configuration. */
  public static final class Builder {
    private String host;
    private int port;
    private Path dataDir;
    private StorageSettings storage;
    private AckMode ack;
    private RateLimitSpec rateLimit;
    private List<String> trustedProxies;
    private Set<String> corsOrigins;
    private int maxBodyBytes;
    private int maxEventsPerRequest;
    private int maxRecordBytes;
    private String adminKey;
    private String ingestKey;
    private Duration fsyncInterval;
    private Duration logRetention;
    private long logRetentionBytes;
    private long minFreeDiskBytes;
    private long bufferMemoryBytes;
    private Path redactionRules;
    private int streamMaxLag;

    private Builder(ServerConfig c) {
      host = c.host;
      port = c.port;
      dataDir = c.dataDir;
      storage = c.storage;
      ack = c.ack;
      rateLimit = c.rateLimit;
      trustedProxies = c.trustedProxies;
      corsOrigins = c.corsOrigins;
      maxBodyBytes = c.maxBodyBytes;
      maxEventsPerRequest = c.maxEventsPerRequest;
      maxRecordBytes = c.maxRecordBytes;
      adminKey = c.adminKey;
      ingestKey = c.ingestKey;
      fsyncInterval = c.fsyncInterval;
      logRetention = c.logRetention;
      logRetentionBytes = c.logRetentionBytes;
      minFreeDiskBytes = c.minFreeDiskBytes;
      bufferMemoryBytes = c.bufferMemoryBytes;
      redactionRules = c.redactionRules;
      streamMaxLag = c.streamMaxLag;
    }

    public Builder port(int v) {
      port = v;
      return this;
    }

    public Builder storage(StorageSettings v) {
      storage = v;
      return this;
    }

    public Builder ack(AckMode v) {
      ack = v;
      return this;
    }

    /** Null turns rate limiting off. */
    public Builder rateLimit(RateLimitSpec v) {
      rateLimit = v;
      return this;
    }

    public Builder trustedProxies(List<String> v) {
      trustedProxies = v;
      return this;
    }

    public Builder corsOrigins(Set<String> v) {
      corsOrigins = v;
      return this;
    }

    public Builder maxBodyBytes(int v) {
      maxBodyBytes = v;
      return this;
    }

    public Builder maxEventsPerRequest(int v) {
      maxEventsPerRequest = v;
      return this;
    }

    public Builder keys(String admin, String ingest) {
      adminKey = admin;
      ingestKey = ingest;
      return this;
    }

    public Builder minFreeDiskBytes(long v) {
      minFreeDiskBytes = v;
      return this;
    }

    public Builder streamMaxLag(int v) {
      streamMaxLag = v;
      return this;
    }

    public ServerConfig build() {
      return new ServerConfig(host, port, dataDir, storage, ack, rateLimit, trustedProxies, corsOrigins, maxBodyBytes,
          maxEventsPerRequest, maxRecordBytes, adminKey, ingestKey, fsyncInterval, logRetention, logRetentionBytes,
          minFreeDiskBytes, bufferMemoryBytes, redactionRules, streamMaxLag);
    }
  }
}
