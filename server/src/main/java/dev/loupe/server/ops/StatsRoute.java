package dev.loupe.server.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.loupe.buffer.BufferStats;
import dev.loupe.buffer.CategoryBuffers;
import dev.loupe.drop.Drops;
import dev.loupe.pipeline.AckMode;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.pipeline.PipelineStats;
import dev.loupe.redact.RedactionCounts;
import dev.loupe.server.auth.AdminGuard;
import dev.loupe.server.http.JsonBody;
import dev.loupe.time.Clock;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/stats}: ingest rates, pipeline, buffers, store, drops, redactions and disk, for people. */
public final class StatsRoute {
  /** Adds a section to the stats (the store's, when there is one). */
  @FunctionalInterface
  public interface Section {
    void write(JsonGenerator g) throws IOException;
  }

  private final AdminGuard guard;
  private final Pipeline pipeline;
  private final CategoryBuffers buffers;
  private final Drops drops;
  private final RedactionCounts redactions;
  private final IngestRate rate;
  private final Path dataDir;
  private final AckMode ack;
  private final Clock clock;
  private final long startedAtMicros;
  private final List<Section> extra;

  public StatsRoute(AdminGuard guard, Pipeline pipeline, CategoryBuffers buffers, Drops drops, RedactionCounts redactions,
      IngestRate rate, Path dataDir, AckMode ack, Clock clock, List<Section> extra) {
    this.guard = guard;
    this.pipeline = pipeline;
    this.buffers = buffers;
    this.drops = drops;
    this.redactions = redactions;
    this.rate = rate;
    this.dataDir = dataDir;
    this.ack = ack;
    this.clock = clock;
    this.startedAtMicros = clock.epochMicros();
    this.extra = List.copyOf(extra);
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/stats", this::stats);
  }

  private void stats(Context ctx) {
    guard.require(ctx);
    PipelineStats p = pipeline.stats();
    JsonBody.send(ctx, 200, g -> {
      g.writeStartObject();
      g.writeNumberField("now", clock.epochMicros());
      g.writeNumberField("uptime_seconds", (clock.epochMicros() - startedAtMicros) / 1_000_000);
      g.writeObjectFieldStart("ingest");
      g.writeNumberField("events_per_second_1m", rate.perSecond(60));
      g.writeNumberField("events_per_second_5m", rate.perSecond(300));
      g.writeNumberField("accepted_since_start", p.appendedEvents());
      g.writeArrayFieldStart("history");
      for (long[] point : rate.history()) {
        g.writeStartArray();
        g.writeNumber(point[0]);
        g.writeNumber(point[1]);
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeObjectFieldStart("pipeline");
      g.writeStringField("ack", ack.name().toLowerCase(java.util.Locale.ROOT));
      g.writeNumberField("durable_seq", p.durableSeq());
      g.writeNumberField("written_seq", p.writtenSeq());
      g.writeNumberField("oldest_seq", p.oldestSeq());
      g.writeNumberField("queued_bytes", p.queuedBytes());
      g.writeNumberField("segments", p.segments());
      g.writeNumberField("log_bytes", p.logBytes());
      g.writeNumberField("fsyncs", p.fsyncs());
      g.writeNumberField("fsync_avg_ms", p.fsyncs() == 0 ? 0 : p.fsyncTotalNanos() / 1e6 / p.fsyncs());
      g.writeBooleanField("accepting", pipeline.refusal() == null);
      g.writeEndObject();
      writeBuffers(g);
      for (Section s : extra) {
        s.write(g);
      }
      g.writeObjectFieldStart("drops");
      for (var e : drops.snapshot().entrySet()) {
        g.writeNumberField(e.getKey().wireName(), e.getValue());
      }
      g.writeEndObject();
      g.writeObjectFieldStart("redactions");
      for (Map.Entry<String, Long> e : redactions.snapshot().entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      writeDisk(g, p);
      g.writeEndObject();
    });
  }

  private void writeBuffers(JsonGenerator g) throws IOException {
    g.writeObjectFieldStart("buffers");
    for (Map.Entry<String, BufferStats> e : buffers.stats().entrySet()) {
      BufferStats s = e.getValue();
      g.writeObjectFieldStart(e.getKey());
      g.writeNumberField("entry_count", s.entryCount());
      g.writeNumberField("oldest_ts", s.oldestTs());
      g.writeNumberField("newest_ts", s.newestTs());
      g.writeNumberField("estimated_bytes", s.estimatedBytes());
      g.writeNumberField("ttl_expired_count", s.ttlExpiredCount());
      g.writeNumberField("evicted_count", s.evictedCount());
      g.writeNumberField("dropped_count", s.droppedCount());
      g.writeNumberField("last_cleared_at", s.lastClearedAt());
      g.writeNumberField("max_entries", s.maxEntries());
      g.writeNumberField("max_bytes", s.maxBytes());
      g.writeNumberField("utilization", s.utilization());
      g.writeBooleanField("warning", s.warning());
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeObjectFieldStart("memory");
    g.writeNumberField("estimated_bytes", buffers.estimatedBytes());
    g.writeNumberField("max_bytes", buffers.maxBytes());
    g.writeBooleanField("warning", buffers.warning());
    g.writeEndObject();
  }

  private void writeDisk(JsonGenerator g, PipelineStats p) throws IOException {
    g.writeObjectFieldStart("disk");
    g.writeStringField("data_dir", dataDir.toAbsolutePath().toString());
    try {
      FileStore store = Files.getFileStore(dataDir);
      g.writeNumberField("free_bytes", store.getUsableSpace());
      g.writeNumberField("total_bytes", store.getTotalSpace());
    } catch (IOException e) {
      g.writeNullField("free_bytes");
      g.writeNullField("total_bytes");
    }
    g.writeNumberField("log_bytes", p.logBytes());
    g.writeEndObject();
  }
}
