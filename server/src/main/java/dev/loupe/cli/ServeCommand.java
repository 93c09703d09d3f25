package dev.loupe.cli;

import dev.loupe.pipeline.AckMode;
import dev.loupe.server.LoupeServer;
import dev.loupe.server.ServerConfig;
import dev.loupe.server.http.RateLimiter;
import dev.loupe.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code loupe serve}: starts the server and runs until SIGTERM or Ctrl-C, then stops gracefully. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Start Loupe: ingest, store, query and stream browser telemetry.",
        "Every option can also be set with an environment variable LOUPE_<OPTION> (e.g. LOUPE_RATE_LIMIT)",
        "or in a properties file given with --config (e.g. rate-limit = 100/60s).",
        "Precedence: flag, environment, config file, default."},
    footer = {"", "On first start the data directory gets a project 'default' with an ingest key and an admin key;",
        "the admin key is shown once. Each start prints a dashboard URL with a login token."})
public final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file with defaults for these options.")
  Path config;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to listen on; 0.0.0.0 for all interfaces (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "7070", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--data-dir", defaultValue = "./loupe-data", paramLabel = "DIR",
      description = "Where the log, store, screenshots, keys and the journal of batch ids live "
          + "(default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--storage", defaultValue = "sqlite", paramLabel = "KIND",
      description = "Store: memory, sqlite or postgres (default: ${DEFAULT-VALUE}).")
  String storage;

  @Option(names = "--postgres-url", paramLabel = "JDBC_URL",
      description = "PostgreSQL JDBC URL for --storage postgres, e.g. jdbc:postgresql://127.0.0.1:5432/loupe.")
  String postgresUrl;

  @Option(names = "--postgres-user", description = "PostgreSQL user.")
  String postgresUser;

  @Option(names = "--postgres-password", description = "PostgreSQL password.")
  String postgresPassword;

  @Option(names = "--postgres-schema", paramLabel = "NAME",
      description = "PostgreSQL schema Loupe creates and uses (default: the connection's search path).")
  String postgresSchema;

  @Option(names = "--ack", defaultValue = "durable", paramLabel = "MODE",
      description = "durable: answer after fsync; buffered: answer after write (default: ${DEFAULT-VALUE}).")
  AckMode ack;

  @Option(names = "--rate-limit", defaultValue = "100/60s", paramLabel = "N/WINDOW",
      description = "Ingest requests per client address, e.g. 100/60s, or off (default: ${DEFAULT-VALUE}).")
  String rateLimit;

  @Option(names = "--trusted-proxies", split = ",", paramLabel = "ADDR",
      description = "Proxies (addresses or CIDR blocks) whose X-Forwarded-For is believed.")
  List<String> trustedProxies = List.of();

  @Option(names = "--cors-origins", split = ",", paramLabel = "ORIGIN",
      description = "Origins allowed to post events from browsers (default: any).")
  List<String> corsOrigins = List.of();

  @Option(names = "--max-body", defaultValue = "10MB", converter = Units.SizeConverter.class, paramLabel = "SIZE",
      description = "Largest request body, counted after gunzip (default: ${DEFAULT-VALUE}).")
  long maxBody;

  @Option(names = "--max-events", defaultValue = "1000", paramLabel = "N",
      description = "Most events in one native batch (default: ${DEFAULT-VALUE}).")
  int maxEvents;

  @Option(names = "--max-record-bytes", defaultValue = "1MB", converter = Units.SizeConverter.class,
      paramLabel = "SIZE", description = "Largest event record; larger ones lose their data (default: ${DEFAULT-VALUE}).")
  long maxRecord;

  @Option(names = "--admin-key", paramLabel = "KEY", description = "Use this admin key (replaces the stored one).")
  String adminKey;

  @Option(names = "--ingest-key", paramLabel = "KEY",
      description = "Use this ingest key for project 'default' (replaces the stored one).")
  String ingestKey;

  @Option(names = "--fsync-interval", defaultValue = "10ms", converter = Units.DurationConverter.class,
      paramLabel = "DURATION",
      description = "Longest a buffered write waits for its fsync (default: ${DEFAULT-VALUE}).")
  Duration fsyncInterval;

  @Option(names = "--log-retention", defaultValue = "7d", converter = Units.DurationConverter.class,
      paramLabel = "DURATION", description = "Keep log segments this long (default: ${DEFAULT-VALUE}).")
  Duration logRetention;

  @Option(names = "--log-max-size", defaultValue = "10GB", converter = Units.SizeConverter.class, paramLabel = "SIZE",
      description = "Keep at most this much log (default: ${DEFAULT-VALUE}).")
  long logMaxSize;

  @Option(names = "--min-free-disk", defaultValue = "64MB", converter = Units.SizeConverter.class, paramLabel = "SIZE",
      description = "Refuse events (503) while the disk has less free space (default: ${DEFAULT-VALUE}).")
  long minFreeDisk;

  @Option(names = "--buffer-memory", defaultValue = "500MB", converter = Units.SizeConverter.class,
      paramLabel = "SIZE", description = "Cap of the in-memory category buffers (default: ${DEFAULT-VALUE}).")
  long bufferMemory;

  @Option(names = "--event-retention", defaultValue = "30d", converter = Units.DurationConverter.class,
      paramLabel = "DURATION", description = "Keep stored events this long (default: ${DEFAULT-VALUE}).")
  Duration eventRetention;

  @Option(names = "--screenshot-retention", defaultValue = "7d", converter = Units.DurationConverter.class,
      paramLabel = "DURATION", description = "Keep screenshots this long (default: ${DEFAULT-VALUE}).")
  Duration screenshotRetention;

  @Option(names = "--redaction-rules", paramLabel = "FILE",
      description = "Redaction rules replacing the built-in ones (same format as rules/redaction.json).")
  Path redactionRules;

  @Option(names = "--stream-max-lag", defaultValue = "10000", paramLabel = "N",
      description = "A live subscriber this many events behind is moved forward with a gap (default: ${DEFAULT-VALUE}).")
  int streamMaxLag;

  /** The configuration these options describe. */
  ServerConfig toConfig() {
    RateLimiter.RateLimitSpec limit;
    try {
      limit = RateLimiter.parse(rateLimit);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--rate-limit: " + e.getMessage());
    }
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535");
    }
    if (!List.of("memory", "sqlite", "postgres").contains(storage)) {
      throw new ParameterException(spec.commandLine(), "--storage must be memory, sqlite or postgres");
    }
    if (storage.equals("postgres") && (postgresUrl == null || postgresUrl.isBlank())) {
      throw new ParameterException(spec.commandLine(), "--storage postgres needs --postgres-url");
    }
    if (postgresSchema != null && !postgresSchema.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new ParameterException(spec.commandLine(),
          "--postgres-schema must be a lower-case SQL identifier: letters, digits and _, at most 63");
    }
    if (maxBody < 1024 || maxBody > Integer.MAX_VALUE - 8) {
      throw new ParameterException(spec.commandLine(), "--max-body must be between 1KB and 2GB");
    }
    if (maxRecord < 4096 || maxRecord > 64L << 20) {
      throw new ParameterException(spec.commandLine(), "--max-record-bytes must be between 4KB and 64MB");
    }
    if (maxEvents < 1) {
      throw new ParameterException(spec.commandLine(), "--max-events must be at least 1");
    }
    ServerConfig.StorageSettings store = new ServerConfig.StorageSettings(storage, postgresUrl, postgresUser,
        postgresPassword, postgresSchema, eventRetention, screenshotRetention);
    return new ServerConfig(host, port, dataDir, store, ack, limit, trustedProxies,
        new LinkedHashSet<>(corsOrigins), (int) maxBody, maxEvents, (int) maxRecord, adminKey, ingestKey, fsyncInterval,
        logRetention, logMaxSize, minFreeDisk, bufferMemory, redactionRules, streamMaxLag);
  }

  @Override
  public Integer call() throws Exception {
    ServerConfig cfg = toConfig();
    LoupeServer server = LoupeServer.start(cfg, Clock.system());
    CountDownLatch stopped = new CountDownLatch(1);
    Runnable stop = () -> {
      LOG.info("stopping: finishing requests in flight, draining and fsyncing the log");
      server.close();
      LOG.info("stopped");
      stopped.countDown();
    };
    Signals.onTerminate(stop);
    announce(server);
    stopped.await();
    return 0;
  }

  private static void announce(LoupeServer server) {
    ServerConfig c = server.config();
    LOG.info("Loupe {} listening on {} (storage {}, ack {}, data {})", dev.loupe.server.Version.current(), server.baseUrl(),
        c.storage().kind(), c.ack().name().toLowerCase(java.util.Locale.ROOT), c.dataDir().toAbsolutePath().normalize());
    LOG.info("Dashboard (sign-in link valid until restart): {}", server.loginUrl());
    LOG.info("Ingest key of project 'default': {}", server.credentials().ingestKey());
    if (server.credentials().createdAdminKey() != null) {
      LOG.info("Admin key (shown only now; keep it safe): {}", server.credentials().createdAdminKey());
    }
  }
}
