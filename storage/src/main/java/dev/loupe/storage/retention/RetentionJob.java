package dev.loupe.storage.retention;

import dev.loupe.blob.BlobStore;
import dev.loupe.event.Category;
import dev.loupe.storage.RetentionPolicy;
import dev.loupe.storage.RetentionResult;
import dev.loupe.storage.Storage;
import dev.loupe.time.Clock;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies retention on a schedule, reading the time from the injected {@link Clock}: the backend's
 * rows (or partitions), then screenshot blobs older than the screenshot retention. Blob bytes are
 * copied into the store when their event is written, so ageing out the blob store loses nothing the
 * store still shows.
 */
public final class RetentionJob implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
  private final Storage storage;
  private final BlobStore blobs;
  private final RetentionPolicy policy;
  private final Clock clock;
  private ScheduledExecutorService scheduler;
  private volatile RetentionResult lastResult;
  private volatile Throwable lastError;

  public RetentionJob(Storage storage, BlobStore blobs, RetentionPolicy policy, Clock clock) {
    this.storage = storage;
    this.blobs = blobs;
    this.policy = policy;
    this.clock = clock;
  }

  /** Runs every {@code interval} (first run after one interval) until closed. */
  public synchronized RetentionJob schedule(Duration interval) {
    if (scheduler == null) {
      scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "loupe-store-retention");
        t.setDaemon(true);
        return t;
      });
      long ms = interval.toMillis();
      scheduler.scheduleWithFixedDelay(this::runQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /** One pass now. */
  public RetentionResult runOnce() throws IOException {
    long now = clock.epochMicros();
    RetentionResult r = storage.retention().apply(now);
    if (blobs != null) {
      blobs.deleteOlderThan(policy.cutoff(Category.SCREENSHOT, now) / 1000);
    }
    lastResult = r;
    return r;
  }

  private void runQuietly() {
    try {
      runOnce();
    } catch (IOException | RuntimeException e) {
      lastError = e;
      LOG.warn("store retention failed: {}", e.toString());
    }
  }

  public RetentionResult lastResult() {
    return lastResult;
  }

  public Throwable lastError() {
    return lastError;
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
