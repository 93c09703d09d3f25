package dev.loupe.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the sequencer and ring; the log's own layout is in {@link LogConfig}.
 *
 * @param log the durable log
 * @param fsyncInterval longest time a write waits for its fsync when no durable producer is waiting
 *     (bounds what a machine crash can take from buffered appends, and how late readers see them)
 * @param maxQueueBytes bytes of accepted-but-unwritten batches before appends are refused as saturated
 * @param maxGroupBytes bytes the writer gathers into one write
 * @param minFreeBytes appends are refused while the log's disk has less free space (0 disables)
 * @param ringCapacity envelopes kept in memory for readers that keep up
 * @param ringMaxBytes estimated bytes those envelopes may take
 * @param retentionCheckInterval how often log retention runs
 */
public record PipelineConfig(
    LogConfig log,
    Duration fsyncInterval,
    long maxQueueBytes,
    long maxGroupBytes,
    long minFreeBytes,
    int ringCapacity,
    long ringMaxBytes,
    Duration retentionCheckInterval) {

  public PipelineConfig {
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(fsyncInterval, "fsyncInterval");
    if (ringCapacity < 2) {
      throw new IllegalArgumentException("ringCapacity must be at least 2");
    }
  }

  public static PipelineConfig defaults(LogConfig log) {
    // A ring of 32k envelopes is ~160 ms of slack at 200k events/s before a reader falls back to
    // the log. Measured on two cores: 16k left 100 readers stuck reading the log; 65k kept so many
    // objects alive through young collections that ingest lost ~15 % (docs/benchmarks.md).
    return new PipelineConfig(log, Duration.ofMillis(10), 64L << 20, 4L << 20, 64L << 20, 32_768, 256L << 20,
        Duration.ofMinutes(1));
  }

  public PipelineConfig withFsyncInterval(Duration interval) {
    return new PipelineConfig(log, interval, maxQueueBytes, maxGroupBytes, minFreeBytes, ringCapacity, ringMaxBytes,
        retentionCheckInterval);
  }

  public PipelineConfig withMaxQueueBytes(long bytes) {
    return new PipelineConfig(log, fsyncInterval, bytes, maxGroupBytes, minFreeBytes, ringCapacity, ringMaxBytes,
        retentionCheckInterval);
  }

  public PipelineConfig withMinFreeBytes(long bytes) {
    return new PipelineConfig(log, fsyncInterval, maxQueueBytes, maxGroupBytes, bytes, ringCapacity, ringMaxBytes,
        retentionCheckInterval);
  }

  public PipelineConfig withRing(int capacity, long maxBytes) {
    return new PipelineConfig(log, fsyncInterval, maxQueueBytes, maxGroupBytes, minFreeBytes, capacity, maxBytes,
        retentionCheckInterval);
  }

  public PipelineConfig withRetentionCheckInterval(Duration interval) {
    return new PipelineConfig(log, fsyncInterval, maxQueueBytes, maxGroupBytes, minFreeBytes, ringCapacity,
        ringMaxBytes, interval);
  }
}
