package dev.loupe.server.ops;

import dev.loupe.drop.Drops;
import dev.loupe.event.Category;
import dev.loupe.ingest.IngestObserver;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.pipeline.PipelineStats;
import dev.loupe.redact.RedactionCounts;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Loupe's Prometheus metrics: HTTP requests by route and status, events accepted by category,
 * rejected and repeated (a body sent twice), drops by reason, redactions by rule, the log's durable
 * and written seqs, its lag, size and fsync latency, and the JVM's own metrics. Values that other
 * components already count are read at scrape time through callbacks rather than counted twice.
 */
public final class Metrics implements IngestObserver {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter requests;
  private final Histogram requestSeconds;
  private final Counter accepted;
  private final Counter rejected;
  private final Counter duplicate;
  private final Histogram fsyncSeconds;
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  public Metrics() {
    requests = Counter.builder().name("loupe_http_requests_total").help("HTTP requests by route, method and status")
        .labelNames("route", "method", "status").register(registry);
    requestSeconds = Histogram.builder().name("loupe_http_request_duration_seconds").unit(Unit.SECONDS)
        .help("HTTP request latency by route").labelNames("route")
        .classicUpperBounds(.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5).register(registry);
    accepted = Counter.builder().name("loupe_events_accepted_total").help("Events sequenced, by category")
        .labelNames("category").register(registry);
    rejected = Counter.builder().name("loupe_events_rejected_total").help("Events refused for breaking a rule")
        .register(registry);
    duplicate = Counter.builder().name("loupe_events_duplicate_total")
        .help("Events of repeated bodies (a batch id seen before), answered without appending them again")
        .register(registry);
    fsyncSeconds = Histogram.builder().name("loupe_log_fsync_duration_seconds").unit(Unit.SECONDS)
        .help("Duration of one group-commit fsync of the log")
        .classicUpperBounds(.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1).register(registry);
    JvmMetrics.builder().register(registry);
  }

  /** Registers the callbacks that read the pipeline, drops and redactions at scrape time. */
  public void bind(Supplier<Pipeline> pipeline, Drops drops, RedactionCounts redactions) {
    CounterWithCallback.builder().name("loupe_dropped_events_total").help("Events dropped, by reason")
        .labelNames("reason").callback(cb -> {
          for (var e : drops.snapshot().entrySet()) {
            cb.call(e.getValue(), e.getKey().wireName());
          }
        }).register(registry);
    CounterWithCallback.builder().name("loupe_redactions_total").help("Values redacted, by rule")
        .labelNames("rule").callback(cb -> redactions.snapshot().forEach((rule, n) -> cb.call(n, rule)))
        .register(registry);
    GaugeWithCallback.builder().name("loupe_log_durable_seq").help("Newest seq fsynced and visible to readers")
        .callback(cb -> cb.call(stats(pipeline).durableSeq())).register(registry);
    GaugeWithCallback.builder().name("loupe_log_written_seq").help("Newest seq written to the log")
        .callback(cb -> cb.call(stats(pipeline).writtenSeq())).register(registry);
    GaugeWithCallback.builder().name("loupe_log_lag_events").help("Events written but not yet fsynced")
        .callback(cb -> {
          PipelineStats s = stats(pipeline);
          cb.call(Math.max(0, s.writtenSeq() - s.durableSeq()));
        }).register(registry);
    GaugeWithCallback.builder().name("loupe_log_queued_bytes").help("Accepted bytes waiting for the log writer")
        .callback(cb -> cb.call(stats(pipeline).queuedBytes())).register(registry);
    GaugeWithCallback.builder().name("loupe_log_bytes").help("Bytes held by the log's segments")
        .callback(cb -> cb.call(stats(pipeline).logBytes())).register(registry);
    GaugeWithCallback.builder().name("loupe_log_segments").help("Segment files of the log")
        .callback(cb -> cb.call(stats(pipeline).segments())).register(registry);
  }

  /** Registers a gauge read at scrape time, for components wired after construction. */
  public void gauge(String name, String help, java.util.function.DoubleSupplier value) {
    GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble())).register(registry);
  }

  private static PipelineStats stats(Supplier<Pipeline> pipeline) {
    return pipeline.get().stats();
  }

  /** Receives each fsync's duration from the pipeline. */
  public LongConsumer fsyncObserver() {
    return nanos -> fsyncSeconds.observe(nanos / 1e9);
  }

  public void request(String route, String method, int status, double seconds) {
    requests.labelValues(route, method, Integer.toString(status)).inc();
    requestSeconds.labelValues(route).observe(seconds);
  }

  @Override
  public void accepted(Category category, int count) {
    accepted.labelValues(category.wireName()).inc(count);
  }

  @Override
  public void rejected(int count) {
    rejected.inc(count);
  }

  @Override
  public void duplicate(int events) {
    duplicate.inc(events);
  }

  public String contentType() {
    return PrometheusTextFormatWriter.CONTENT_TYPE;
  }

  public void write(OutputStream out) throws IOException {
    writer.write(out, registry.scrape());
  }

  /** For tests: the count of accepted events of a category. */
  double acceptedCount(Category category) {
    return accepted.labelValues(category.wireName()).get();
  }
}
