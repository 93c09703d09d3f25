package dev.loupe.server.live;

import dev.loupe.buffer.BufferSpec;
import dev.loupe.buffer.CategoryBuffers;
import dev.loupe.pipeline.Gap;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.pipeline.ReadResult;
import dev.loupe.pipeline.Reader;
import dev.loupe.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps seed 000's bounded category buffers filled with the live stream: a reader that starts at
 * the log tail within the longest TTL (so a restart refills them) and adds every event, expiring
 * by TTL as it goes. It is a reader like any other, so it never slows ingest.
 */
public final class LiveBuffers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveBuffers.class);
  private static final Duration EXPIRE_EVERY = Duration.ofSeconds(1);

  private final CategoryBuffers buffers;
  private final Reader reader;
  private final Clock clock;
  private final Thread thread;
  private volatile boolean running = true;

  public LiveBuffers(Pipeline pipeline, CategoryBuffers buffers, Map<String, BufferSpec> specs, Clock clock) {
    this.buffers = buffers;
    this.clock = clock;
    Duration longest = specs.values().stream().map(BufferSpec::ttl).max(Duration::compareTo).orElse(Duration.ZERO);
    long from = pipeline.firstSeqReceivedSince(clock.epochMicros() - longest.toNanos() / 1000);
    this.reader = pipeline.reader(from - 1);
    this.thread = new Thread(this::run, "loupe-live-buffers");
    thread.setDaemon(true);
    thread.start();
  }

  public CategoryBuffers buffers() {
    return buffers;
  }

  /** Events the buffers have not taken in yet. */
  public long lag() {
    return reader.lag();
  }

  private void run() {
    List<ReadResult> batch = new ArrayList<>(1024);
    long lastExpire = clock.nanoTime();
    try {
      while (running) {
        batch.clear();
        reader.drainTo(batch, 1024, Duration.ofMillis(200));
        for (ReadResult r : batch) {
          if (r instanceof ReadResult.Delivered d) {
            buffers.add(d.envelope());
          } else if (r instanceof Gap g) {
            LOG.debug("live buffers skipped {}", g);
          }
        }
        long now = clock.nanoTime();
        if (now - lastExpire >= EXPIRE_EVERY.toNanos()) {
          buffers.expire();
          lastExpire = now;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("live buffers stopped", e);
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reader.close();
  }
}
