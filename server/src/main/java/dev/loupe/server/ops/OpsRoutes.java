package dev.loupe.server.ops;

import dev.loupe.pipeline.AppendRefusedException;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.server.http.JsonBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /health} (the process is up), {@code /ready} (it can take events: the log accepts
 * appends) and {@code /metrics} (Prometheus text). A store that is down does not make Loupe
 * unready — the log keeps taking events and the store catches up — but {@code /ready} names it.
 */
public final class OpsRoutes {
  private final Pipeline pipeline;
  private final Metrics metrics;
  private final List<Supplier<String>> degradations;

  /** @param degradations each returns null when fine, else what is degraded (reported, still ready) */
  public OpsRoutes(Pipeline pipeline, Metrics metrics, List<Supplier<String>> degradations) {
    this.pipeline = pipeline;
    this.metrics = metrics;
    this.degradations = List.copyOf(degradations);
  }

  public void register(RoutesConfig routes) {
    routes.get("/health", ctx -> JsonBody.send(ctx, 200, g -> {
      g.writeStartObject();
      g.writeStringField("status", "healthy");
      g.writeEndObject();
    }));
    routes.get("/ready", this::ready);
    routes.get("/metrics", ctx -> {
      ctx.contentType(metrics.contentType());
      metrics.write(ctx.outputStream());
    });
  }

  private void ready(Context ctx) {
    List<String> reasons = new ArrayList<>();
    AppendRefusedException refusal = pipeline.refusal();
    if (refusal != null) {
      reasons.add("log: " + refusal.getMessage());
    }
    List<String> degraded = new ArrayList<>();
    for (Supplier<String> check : degradations) {
      String problem = check.get();
      if (problem != null) {
        degraded.add(problem);
      }
    }
    JsonBody.send(ctx, reasons.isEmpty() ? 200 : 503, g -> {
      g.writeStartObject();
      g.writeStringField("status", reasons.isEmpty() ? "ready" : "not_ready");
      writeList(g, "reasons", reasons);
      writeList(g, "degraded", degraded);
      g.writeEndObject();
    });
  }

  private static void writeList(com.fasterxml.jackson.core.JsonGenerator g, String name, List<String> items)
      throws java.io.IOException {
    if (!items.isEmpty()) {
      g.writeArrayFieldStart(name);
      for (String item : items) {
        g.writeString(item);
      }
      g.writeEndArray();
    }
  }
}
