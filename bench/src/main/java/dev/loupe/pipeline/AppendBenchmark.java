package dev.loupe.pipeline;

import dev.loupe.bench.TempDirs;
import dev.loupe.event.EncodedEvent;
import dev.loupe.testing.SampleEvents;
import dev.loupe.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Appending batches of 50 console events (~550 B each) from 32 producers that each wait for their
 * acknowledgement, as request threads do: durable (after group-commit fsync) and buffered. Scores
 * are events per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AppendBenchmark {
  static final int BATCH = 50;

  @Param({"DURABLE", "BUFFERED"})
  public AckMode ack;

  private Path dir;
  private Pipeline pipeline;
  private List<EncodedEvent> batch;

  @Setup(Level.Trial)
  public void open() throws Exception {
    dir = TempDirs.create("loupe-append-bench");
    LogConfig log = LogConfig.defaults(dir).withRetention(Duration.ofDays(1), 2L << 30);
    pipeline = Pipeline.open(PipelineConfig.defaults(log).withMinFreeBytes(0)
        .withRetentionCheckInterval(Duration.ofSeconds(1)), Clock.system());
    batch = SampleEvents.batch(0, BATCH);
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    pipeline.close();
    TempDirs.delete(dir);
  }

  @Benchmark
  @Threads(32)
  @OperationsPerInvocation(BATCH)
  public AppendResult append() {
    return pipeline.append("default", batch, ack).join();
  }
}
