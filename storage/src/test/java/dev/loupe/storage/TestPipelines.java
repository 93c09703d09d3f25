package dev.loupe.storage;

import dev.loupe.event.EncodedEvent;
import dev.loupe.pipeline.AckMode;
import dev.loupe.pipeline.AppendResult;
import dev.loupe.pipeline.LogConfig;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.pipeline.PipelineConfig;
import dev.loupe.testing.SampleEvents;
import dev.loupe.time.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real pipelines over a temporary directory for store writer tests and benchmarks. */
public final class TestPipelines {
  private TestPipelines() {}

  public static PipelineConfig config(Path dir) {
    return PipelineConfig.defaults(LogConfig.defaults(dir)).withMinFreeBytes(0);
  }

  /** Small segments and a size-bounded log, so that retention makes gaps. */
  public static PipelineConfig smallSegments(Path dir, long maxLogBytes) {
    PipelineConfig c = config(dir);
    return new PipelineConfig(c.log().withSegmentBytes(16 * 1024).withRetention(Duration.ofDays(7), maxLogBytes),
        c.fsyncInterval(), c.maxQueueBytes(), c.maxGroupBytes(), 0, 64, c.ringMaxBytes(), Duration.ofHours(1));
  }

  public static Pipeline open(PipelineConfig config, Clock clock) {
    try {
      return Pipeline.open(config, clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends and waits until the batch is durable, and so visible to readers. */
  public static AppendResult append(Pipeline p, List<EncodedEvent> events) {
    try {
      return p.append("default", events, AckMode.DURABLE).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("append failed", e);
    }
  }

  /**
   * Appends as fast as the log takes it (buffered acks) and returns once every event is durable and
   * visible to readers (for benchmarks that fill a log first).
   */
  public static void bulkConsole(Pipeline p, int first, int batches) throws InterruptedException {
    AppendResult last = null;
    for (int b = 0; b < batches; b++) {
      last = p.append("default", SampleEvents.batch(first + b * 50, 50), AckMode.BUFFERED).join();
    }
    if (last != null) {
      try (var reader = p.reader(last.lastSeq() - 1)) {
        if (reader.next(Duration.ofSeconds(60)) == null) {
          throw new IllegalStateException("seq " + last.lastSeq() + " did not become durable");
        }
      }
    }
  }

  /** Appends {@code batches} batches of 50 ~550-byte console events from 200 sessions. */
  public static void appendConsole(Pipeline p, int first, int batches) {
    for (int b = 0; b < batches; b++) {
      append(p, SampleEvents.batch(first + b * 50, 50));
    }
  }
}
