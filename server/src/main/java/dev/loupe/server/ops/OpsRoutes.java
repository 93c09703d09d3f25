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
 * appends and every dependency answers) and {@code /metrics} (Prometheus text).
 */
public final class OpsRoutes {
  private final Pipeline pipeline;
  private final Metrics metrics;
  private final List<Supplier<String>> readinessChecks;

  /** @param readinessChecks each returns null when ready, else why not */
  public OpsRoutes(Pipeline pipeline, Metrics metrics, List<Supplier<String>> readinessChecks) {
    this.pipeline = pipeline;
    this.metrics = metrics;
    this.readinessChecks = List.copyOf(readinessChecks);
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
    for (Supplier<String> check : readinessChecks) {
      String reason = check.get();
      if (reason != null) {
        reasons.add(reason);
      }
    }
    JsonBody.send(ctx, reasons.isEmpty() ? 200 : 503, g -> {
      g.writeStartObject();
      g.writeStringField("status", reasons.isEmpty() ? "ready" : "not_ready");
      if (!reasons.isEmpty()) {
        g.writeArrayFieldStart("reasons");
        for (String r : reasons) {
          g.writeString(r);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    });
  }
}
