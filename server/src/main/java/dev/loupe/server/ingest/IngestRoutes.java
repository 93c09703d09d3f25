package dev.loupe.server.ingest;

import dev.loupe.blob.BlobStore;
import dev.loupe.event.Event;
import dev.loupe.ingest.IngestResult;
import dev.loupe.ingest.Ingestor;
import dev.loupe.ingest.NativeBatchParser;
import dev.loupe.ingest.ParsedBatch;
import dev.loupe.ingest.compat.ClientTelemetryFormat;
import dev.loupe.ingest.compat.ScreenshotUpload;
import dev.loupe.ingest.compat.SyncFormat;
import dev.loupe.ingest.compat.TrackFormat;
import dev.loupe.pipeline.AckMode;
import dev.loupe.server.auth.Project;
import dev.loupe.server.http.ApiError;
import dev.loupe.server.http.JsonBody;
import dev.loupe.server.http.RequestBody;
import dev.loupe.time.Clock;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The ingest routes: native {@code POST /v1/events} and the seed-compatible ones. Each admits the
 * request ({@link IngestGate}), reads its body within the limit, maps it to events and answers once
 * the events are acknowledged by the log (durable by default), without holding a request thread
 * while the fsync is pending.
 */
public final class IngestRoutes {
  /** Seed 002 allows 10 MB images; as base64 inside JSON they need a third more. */
  private static final int SCREENSHOT_BODY_BYTES = 14 * 1024 * 1024;

  private final IngestGate gate;
  private final Ingestor ingestor;
  private final NativeBatchParser parser;
  private final BlobStore blobs;
  private final Clock clock;
  private final AckMode ack;
  private final int maxBodyBytes;
  private final int maxEvents;

  public IngestRoutes(IngestGate gate, Ingestor ingestor, BlobStore blobs, Clock clock, AckMode ack, int maxBodyBytes,
      int maxEvents) {
    this.gate = gate;
    this.ingestor = ingestor;
    this.parser = new NativeBatchParser(maxEvents);
    this.blobs = blobs;
    this.clock = clock;
    this.ack = ack;
    this.maxBodyBytes = maxBodyBytes;
    this.maxEvents = maxEvents;
  }

  public void register(RoutesConfig routes) {
    route(routes, "/v1/events", this::nativeEvents);
    route(routes, "/sync", this::sync);
    route(routes, "/api/v1/sessions", this::newSession);
    route(routes, "/api/v1/track", this::track);
    route(routes, "/api/v1/track/screenshot", this::screenshot);
    route(routes, "/api/client-telemetry", this::clientTelemetry);
  }

  private void route(RoutesConfig routes, String path, Handler handler) {
    routes.options(path, gate::preflight);
    routes.post(path, handler);
  }

  private void nativeEvents(Context ctx) {
    Project project = gate.admit(ctx);
    var format = RequestBody.format(ctx);
    byte[] body = RequestBody.read(ctx, maxBodyBytes);
    ParsedBatch batch = parser.parse(body, format, clock.epochMicros());
    respond(ctx, ingestor.submit(project.name(), batch.batch(), batch.events(), batch.rejected(), ack),
        r -> IngestResponses.accepted(ctx, r));
  }

  private void sync(Context ctx) {
    Project project = gate.admit(ctx);
    RequestBody.requireJson(ctx);
    ParsedBatch batch = SyncFormat.parse(RequestBody.read(ctx, maxBodyBytes), clock.epochMicros(), maxEvents);
    respond(ctx, submit(project, batch.events(), batch.rejected()), r -> {
      if (!IngestResponses.refuseIfNothingKept(ctx, r)) {
        JsonBody.send(ctx, 200, g -> {
          g.writeStartObject();
          g.writeBooleanField("received", true);
          g.writeNumberField("ttl_seconds", 60);
          g.writeEndObject();
        });
      }
    });
  }

  private void newSession(Context ctx) {
    Project project = gate.admit(ctx);
    RequestBody.requireJson(ctx);
    Event start = TrackFormat.newSession(RequestBody.read(ctx, maxBodyBytes), clock.epochMicros());
    respond(ctx, submit(project, List.of(start), List.of()), r -> JsonBody.send(ctx, 201, g -> {
      g.writeStartObject();
      g.writeStringField("session_id", start.sessionId());
      g.writeStringField("started_at", Instant.EPOCH.plusNanos(start.ts() * 1000).toString());
      g.writeEndObject();
    }));
  }

  private void track(Context ctx) {
    Project project = gate.admit(ctx);
    RequestBody.requireJson(ctx);
    List<Event> events = TrackFormat.track(RequestBody.read(ctx, maxBodyBytes), clock.epochMicros());
    respond(ctx, submit(project, events, List.of()), r -> JsonBody.send(ctx, 201, g -> {
      g.writeStartObject();
      g.writeStringField("message", "Events tracked successfully");
      g.writeNumberField("count", r.accepted());
      g.writeEndObject();
    }));
  }

  private void screenshot(Context ctx) {
    Project project = gate.admit(ctx);
    RequestBody.requireJson(ctx);
    ScreenshotUpload upload = ScreenshotUpload.parse(RequestBody.read(ctx, SCREENSHOT_BODY_BYTES), clock.epochMicros());
    String sha256;
    try {
      sha256 = blobs.put(upload.image().bytes());
    } catch (IOException e) {
      throw new ApiError(503, "unavailable", "the screenshot could not be stored: " + e.getMessage(),
          java.time.Duration.ofSeconds(5));
    }
    respond(ctx, submit(project, List.of(upload.event(sha256)), List.of()), r -> JsonBody.send(ctx, 201, g -> {
      g.writeStartObject();
      g.writeStringField("message", "Screenshot uploaded successfully");
      g.writeNumberField("screenshot_id", r.firstSeq());
      g.writeEndObject();
    }));
  }

  private void clientTelemetry(Context ctx) {
    Project project = gate.admit(ctx);
    RequestBody.requireJson(ctx);
    ParsedBatch batch = ClientTelemetryFormat.parse(RequestBody.read(ctx, maxBodyBytes), clock.epochMicros(), maxEvents);
    respond(ctx, submit(project, batch.events(), batch.rejected()), r -> {
      if (!IngestResponses.refuseIfNothingKept(ctx, r)) {
        ctx.status(204);
      }
    });
  }

  private CompletableFuture<IngestResult> submit(Project project, List<Event> events,
      List<dev.loupe.ingest.Rejection> rejected) {
    return ingestor.submit(project.name(), events, rejected, ack);
  }

  private static void respond(Context ctx, CompletableFuture<IngestResult> result, Consumer<IngestResult> answer) {
    ctx.future(() -> result.thenAccept(answer));
  }
}
