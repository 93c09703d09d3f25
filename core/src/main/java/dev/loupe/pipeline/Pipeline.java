package dev.loupe.pipeline;

import dev.loupe.event.EncodedEvent;
import dev.loupe.time.Clock;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sequenced, durable, resumable stream: one {@link DurableLog}, the {@link Sequencer} that
 * alone appends to it, the {@link Ring} of recent events, and {@link Reader}s that resume from any
 * seq. Also runs log retention on a schedule.
 */
public final class Pipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final PipelineConfig config;
  private final Clock clock;
  private final DurableLog log;
  private final Ring ring;
  private final Sequencer sequencer;
  private final ScheduledExecutorService retention;

  private Pipeline(PipelineConfig config, Clock clock, LongConsumer fsyncObserver) throws IOException {
    this.config = config;
    this.clock = clock;
    this.log = DurableLog.open(config.log());
    this.ring = new Ring(config.ringCapacity(), config.ringMaxBytes(), log.recovery().lastSeq());
    this.sequencer = new Sequencer(log, ring, clock, config, fsyncObserver);
    this.retention = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "loupe-log-retention");
      t.setDaemon(true);
      return t;
    });
    long every = config.retentionCheckInterval().toMillis();
    retention.scheduleWithFixedDelay(this::retainQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /** Opens the log in the configured directory (recovering it), and starts the sequencer. */
  public static Pipeline open(PipelineConfig config, Clock clock) throws IOException {
    return new Pipeline(config, clock, null);
  }

  /** As {@link #open(PipelineConfig, Clock)}, reporting every fsync's duration in nanoseconds. */
  public static Pipeline open(PipelineConfig config, Clock clock, LongConsumer fsyncObserver) throws IOException {
    return new Pipeline(config, clock, fsyncObserver);
  }

  /**
   * Sequences a batch. The future completes with the batch's seqs once it is durable (or written,
   * for {@link AckMode#BUFFERED}), or fails with {@link AppendRefusedException} when the log
   * refuses it; a refused batch got no seqs.
   */
  public CompletableFuture<AppendResult> append(String project, List<EncodedEvent> events, AckMode ack) {
    return sequencer.append(project, events, ack);
  }

  /** A reader that returns the events after {@code afterSeq} (0 for the beginning). */
  public Reader reader(long afterSeq) {
    return new Reader(ring, log, afterSeq);
  }

  /** A reader positioned at the live head: it sees only events published from now on. */
  public Reader liveReader() {
    return reader(ring.published());
  }

  /**
   * A seq to start reading from to see every event received at or after {@code receivedAtMicros}
   * (it may also return somewhat older ones: the log knows times per segment). For consumers that
   * only want a recent window, such as memory buffers refilled on start.
   */
  public long firstSeqReceivedSince(long receivedAtMicros) {
    return log.firstSeqReceivedSince(receivedAtMicros);
  }

  /** The newest durable seq (0 when the log is empty). */
  public long lastSeq() {
    return ring.published();
  }

  /** Why appends are refused right now, or null when they are accepted. */
  public AppendRefusedException refusal() {
    return sequencer.currentRefusal();
  }

  public DurableLog.RecoveryReport recovery() {
    return log.recovery();
  }

  public PipelineConfig config() {
    return config;
  }

  public PipelineStats stats() {
    return new PipelineStats(ring.published(), sequencer.writtenSeq(), log.oldestSeq(), sequencer.queuedBytes(),
        log.segmentCount(), log.totalBytes(), sequencer.appendedEvents(), sequencer.appendedBytes(),
        sequencer.fsyncCount(), sequencer.fsyncTotalNanos(), ring.oldestRetained());
  }

  /** Applies log retention now (it also runs on a schedule). */
  public DurableLog.RetentionResult applyRetention() throws IOException {
    return log.applyRetention(clock.epochMicros());
  }

  private void retainQuietly() {
    try {
      applyRetention();
    } catch (IOException | RuntimeException e) {
      LOG.warn("log retention failed: {}", e.toString());
    }
  }

  /** Stops taking appends, makes everything accepted durable and published, and closes the log. */
  @Override
  public void close() throws IOException {
    retention.shutdownNow();
    sequencer.close();
    ring.wakeAll();
    log.close();
  }
}
