package dev.loupe.server;

import dev.loupe.blob.BlobStore;
import dev.loupe.buffer.BufferSpec;
import dev.loupe.buffer.CategoryBuffers;
import dev.loupe.drop.Drops;
import dev.loupe.event.FieldLimits;
import dev.loupe.event.EventTruncator;
import dev.loupe.ingest.Ingestor;
import dev.loupe.ingest.RecentBatches;
import dev.loupe.pipeline.LogConfig;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.pipeline.PipelineConfig;
import dev.loupe.redact.RedactionCounts;
import dev.loupe.redact.RedactionRules;
import dev.loupe.redact.Redactor;
import dev.loupe.server.auth.AdminAuth;
import dev.loupe.server.auth.AdminGuard;
import dev.loupe.server.auth.AuthRoutes;
import dev.loupe.server.auth.Credentials;
import dev.loupe.server.auth.Project;
import dev.loupe.server.auth.Projects;
import dev.loupe.server.auth.Secrets;
import dev.loupe.server.http.ErrorResponses;
import dev.loupe.server.http.RateLimiter;
import dev.loupe.server.http.TrustedProxies;
import dev.loupe.server.ingest.IngestGate;
import dev.loupe.server.ingest.IngestRoutes;
import dev.loupe.server.live.LiveBuffers;
import dev.loupe.server.ops.IngestRate;
import dev.loupe.server.ops.Metrics;
import dev.loupe.server.ops.OpsRoutes;
import dev.loupe.server.ops.StatsRoute;
import dev.loupe.server.query.QueryRoutes;
import dev.loupe.server.store.StoreService;
import dev.loupe.server.store.StoreStats;
import dev.loupe.server.stream.StreamRoutes;
import dev.loupe.server.web.StaticAssets;
import dev.loupe.time.Clock;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Loupe process: the pipeline and everything that reads it, behind one HTTP server. This class
 * only wires components together; each route family lives in its own package.
 */
public final class LoupeServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LoupeServer.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STREAM_KEEP_ALIVE = Duration.ofSeconds(15);

  private final ServerConfig config;
  private final Pipeline pipeline;
  private final Drops drops;
  private final Credentials credentials;
  private final AdminAuth auth;
  private final CategoryBuffers buffers;
  private final StoreService store;
  private final StreamRoutes streams;
  private final ScheduledExecutorService scheduler;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
  private Javalin app;

  private LoupeServer(ServerConfig config, Clock clock) throws IOException {
    this.config = config;
    Files.createDirectories(config.dataDir());
    this.drops = new Drops();
    Metrics metrics = new Metrics();
    this.pipeline = Pipeline.open(pipelineConfig(config), clock, metrics.fsyncObserver());
    closeables.add(pipeline);
    BlobStore blobs = new BlobStore(config.dataDir().resolve("blobs"));
    this.credentials = Credentials.loadOrCreate(config.dataDir(), config.adminKey(), config.ingestKey());
    RedactionCounts redactions = new RedactionCounts();
    RedactionRules rules = config.redactionRules() == null
        ? RedactionRules.defaults() : RedactionRules.load(config.redactionRules());
    Project project = new Project("default", List.of(Secrets.sha256(credentials.ingestKey())), config.corsOrigins(),
        new Redactor(rules, redactions, credentials.redactionKey()));
    Projects projects = new Projects(List.of(project));
    this.auth = new AdminAuth(credentials.adminKeyHash(), Secrets.token("lp_login_"), clock);
    AdminGuard guard = new AdminGuard(auth);
    TrustedProxies proxies = TrustedProxies.parse(config.trustedProxies());
    RateLimiter limiter = config.rateLimit() == null ? null
        : new RateLimiter(config.rateLimit().requests(), config.rateLimit().window(), clock);
    RateLimiter signInLimiter = new RateLimiter(10, Duration.ofMinutes(1), clock);

    Map<String, BufferSpec> specs = BufferSpec.defaults();
    CategoryBuffers buffers = new CategoryBuffers(specs, config.bufferMemoryBytes(), clock, drops);
    this.buffers = buffers;
    this.store = StoreService.open(config.storage(), config.dataDir(), pipeline, buffers, blobs, clock, drops);
    closeables.add(0, store);
    // The memory store is these buffers, filled by the store writer; otherwise a reader of its own fills them.
    if (!config.storage().kind().equals("memory")) {
      closeables.add(0, new LiveBuffers(pipeline, buffers, specs, clock));
    }

    // The ids of bodies sent with a batch id, so that one sent again is appended once, even after a restart.
    RecentBatches recent = RecentBatches.open(clock, RecentBatches.DEFAULT_TTL, RecentBatches.DEFAULT_MAX,
        config.dataDir().resolve("batches.journal"));
    closeables.add(recent);
    Ingestor ingestor = new Ingestor(pipeline, name -> projects.byName(name).redactor(),
        new EventTruncator(FieldLimits.defaults().withMaxRecordBytes(config.maxRecordBytes())), drops, metrics,
        recent);
    IngestRoutes ingest = new IngestRoutes(new IngestGate(projects, limiter, proxies, drops), ingestor, blobs, clock,
        config.ack(), config.maxBodyBytes(), config.maxEventsPerRequest());
    IngestRate rate = new IngestRate(() -> pipeline.stats().appendedEvents(), clock);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "loupe-scheduler");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleAtFixedRate(rate::sample, 0, 1, TimeUnit.SECONDS);
    metrics.bind(() -> pipeline, drops, redactions);
    metrics.gauge("loupe_buffers_estimated_bytes", "Estimated bytes held by the in-memory category buffers",
        buffers::estimatedBytes);
    metrics.gauge("loupe_store_lag_events", "Events in the log not yet in the store", store.writer()::lag);
    metrics.gauge("loupe_store_checkpoint_seq", "Last seq committed to the store", store.writer()::checkpoint);
    metrics.gauge("loupe_store_write_failures", "Failed store write attempts since start", store.writer()::failures);
    OpsRoutes ops = new OpsRoutes(pipeline, metrics, List.of(store::problem));
    StatsRoute stats = new StatsRoute(guard, pipeline, buffers, drops, redactions, rate, config.dataDir(), config.ack(),
        clock, List.of(new StoreStats(store)));
    AuthRoutes authRoutes = new AuthRoutes(auth, guard, signInLimiter, proxies);
    QueryRoutes queries = new QueryRoutes(store.storage(), guard, Version.current());
    StreamRoutes streams = new StreamRoutes(pipeline, guard, drops, config.streamMaxLag(), STREAM_KEEP_ALIVE);
    this.streams = streams;
    metrics.gauge("loupe_stream_subscribers", "Connected WebSocket stream subscribers", streams::subscribers);

    this.app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.jetty.host = config.host();
      cfg.jetty.port = config.port();
      QueuedThreadPool threads = new QueuedThreadPool(512, 8, 60_000);
      threads.setName("loupe-http");
      cfg.jetty.threadPool = threads;
      cfg.http.maxRequestSize = 16L * 1024 * 1024;
      cfg.jetty.modifyHttpConfiguration(http -> {
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
      });
      cfg.jetty.modifyServer(server -> {
        // Javalin attaches its handlers inside this one; on stop it lets requests in flight finish.
        server.setHandler(new GracefulHandler());
        server.setStopTimeout(STOP_TIMEOUT.toMillis());
      });
      cfg.requestLogger.http((ctx, ms) -> {
        var endpoint = ctx.endpoints().matchedHttpEndpoint();
        metrics.request(endpoint == null ? "unmatched" : endpoint.path, ctx.method().name(), ctx.statusCode(),
            ms / 1000.0);
      });
      cfg.routes.before(ctx -> {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
      });
      StaticAssets.register(cfg);
      ErrorResponses.register(cfg.routes);
      ingest.register(cfg.routes);
      ops.register(cfg.routes);
      stats.register(cfg.routes);
      authRoutes.register(cfg.routes);
      streams.register(cfg.routes);
      queries.register(cfg.routes);
    });
  }

  /** Opens the data directory, recovers the log and starts serving. */
  public static LoupeServer start(ServerConfig config, Clock clock) throws IOException {
    LoupeServer server = new LoupeServer(config, clock);
    try {
      server.app.start();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private static PipelineConfig pipelineConfig(ServerConfig c) {
    LogConfig log = LogConfig.defaults(c.dataDir().resolve("log"))
        .withMaxRecordBytes(c.maxRecordBytes())
        .withRetention(c.logRetention(), c.logRetentionBytes());
    return PipelineConfig.defaults(log).withFsyncInterval(c.fsyncInterval()).withMinFreeBytes(c.minFreeDiskBytes());
  }

  public int port() {
    return app.port();
  }

  public String baseUrl() {
    String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
  }

  /** The dashboard address with this start's login token, as printed at start-up. */
  public String loginUrl() {
    return baseUrl() + "/#login=" + auth.loginToken();
  }

  public ServerConfig config() {
    return config;
  }

  public Pipeline pipeline() {
    return pipeline;
  }

  public Drops drops() {
    return drops;
  }

  public Credentials credentials() {
    return credentials;
  }

  /** The in-memory category buffers (the store itself with {@code --storage memory}). */
  public CategoryBuffers buffers() {
    return buffers;
  }

  public StoreService store() {
    return store;
  }

  /**
   * Stops gracefully: refuses new connections, lets requests in flight finish (their events are
   * acknowledged), stops the readers, then drains and fsyncs the log.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    streams.close();
    if (app != null) {
      try {
        app.stop();
      } catch (RuntimeException e) {
        LOG.warn("HTTP server did not stop cleanly: {}", e.toString());
      }
    }
    scheduler.shutdownNow();
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
