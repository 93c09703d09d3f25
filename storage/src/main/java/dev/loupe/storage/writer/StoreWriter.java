package dev.loupe.storage.writer;

import dev.loupe.blob.BlobStore;
import dev.loupe.drop.DropReason;
import dev.loupe.drop.Drops;
import dev.loupe.event.Envelope;
import dev.loupe.pipeline.Gap;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.pipeline.ReadResult;
import dev.loupe.pipeline.Reader;
import dev.loupe.storage.ScreenshotInfo;
import dev.loupe.storage.Storage;
import dev.loupe.storage.WriteBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the pipeline into a {@link Storage}, exactly once.
 *
 * <h2>How</h2>
 * A reading thread owns a pipeline {@link Reader} that starts after the backend's checkpoint. It
 * collects batches (up to {@code maxBatch} results, or what arrived within {@code linger} of the
 * first), counts gaps as drops ({@code retention}, {@code corrupt}) and queues at most two batches
 * ahead, so that decoding the log overlaps with the database work. The writing thread reads
 * screenshot bytes from the blob store and hands the backend one {@link WriteBatch} per batch whose
 * checkpoint is the reader's position after it: events, session upserts, screenshots and checkpoint
 * commit together. A crash at any point leaves the checkpoint consistent with the data, and batches
 * read ahead but not written are simply read again on the next start.
 *
 * <p>When a write fails (database down, slow, disk full) the same batch is retried after a capped
 * exponential backoff; the reader does not move, so nothing is skipped, and ingest keeps accepting
 * because the log holds the backlog. When the database returns the writer catches up at full batch
 * size. {@link #close()} finishes the batch in hand (bounded by {@code closeTimeout}).
 */
public final class StoreWriter implements AutoCloseable {
  /** The consumer name under which the store writer's checkpoint is recorded. */
  public static final String CONSUMER = "store";
  private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);

  /** What the writer is doing. */
  public enum State { STARTING, RUNNING, RETRYING, STOPPED }

  private final Pipeline pipeline;
  private final Storage storage;
  private final BlobStore blobs;
  private final Drops drops;
  private final StoreWriterConfig config;
  private final Backoff backoff;
  private final Thread thread;
  private final BlockingQueue<Pending> ahead = new ArrayBlockingQueue<>(2);
  private volatile Thread readerThread;
  private final Object pause = new Object();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile boolean stopping;
  private volatile State state = State.STARTING;
  private volatile Throwable lastError;
  private volatile long checkpoint = -1;

  private StoreWriter(Pipeline pipeline, Storage storage, BlobStore blobs, Drops drops, StoreWriterConfig config) {
    this.pipeline = pipeline;
    this.storage = storage;
    this.blobs = blobs;
    this.drops = drops;
    this.config = config;
    this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
    this.thread = new Thread(this::run, "loupe-store-writer");
    thread.setDaemon(true);
  }

  /** Starts a writer thread. {@code blobs} may be null (screenshots are then stored without bytes). */
  public static StoreWriter start(Pipeline pipeline, Storage storage, BlobStore blobs, Drops drops,
      StoreWriterConfig config) {
    StoreWriter w = new StoreWriter(pipeline, storage, blobs, drops, config);
    w.thread.start();
    return w;
  }

  /** Events in the log that are not stored yet (the whole log while the checkpoint is unknown). */
  public long lag() {
    return Math.max(0, pipeline.lastSeq() - Math.max(0, checkpoint));
  }

  /** The last seq committed with the data (-1 before the checkpoint was loaded). */
  public long checkpoint() {
    return checkpoint;
  }

  public State state() {
    return state;
  }

  /** The most recent write failure, or null when there was none (it is kept after recovery). */
  public Throwable lastError() {
    return lastError;
  }

  /** Envelopes stored by this writer. */
  public long written() {
    return written.get();
  }

  /** Failed write attempts so far. */
  public long failures() {
    return failures.get();
  }

  private void run() {
    try {
      long start = loadCheckpoint();
      if (start < 0) {
        return;
      }
      checkpoint = start;
      state = State.RUNNING;
      Thread r = new Thread(() -> readAhead(start), "loupe-store-reader");
      r.setDaemon(true);
      readerThread = r;
      r.start();
      while (true) {
        Pending pending = ahead.poll(config.linger().toMillis() + 50, TimeUnit.MILLISECONDS);
        if (pending == null) {
          if (stopping || !r.isAlive()) {
            break;
          }
          continue;
        }
        while (!attempt(pending)) {
          if (stopping) {
            LOG.warn("store writer stopping with an unwritten batch after seq {}: it will be re-read on start",
                checkpoint);
            return;
          }
        }
        if (stopping) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      lastError = e;
      LOG.error("store writer failed", e);
    } finally {
      Thread r = readerThread;
      if (r != null) {
        r.interrupt();
      }
      state = State.STOPPED;
    }
  }

  /** The reading thread: collects batches after {@code start} and queues them for the writer. */
  private void readAhead(long start) {
    try (Reader reader = pipeline.reader(start)) {
      while (!stopping) {
        Pending pending = collect(reader);
        if (pending != null) {
          ahead.put(pending);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      lastError = e;
      LOG.error("store writer's reader failed", e);
    }
  }

  private long loadCheckpoint() throws InterruptedException {
    while (!stopping) {
      try {
        long cp = storage.checkpoints().load(CONSUMER);
        backoff.reset();
        return cp;
      } catch (RuntimeException e) {
        failed(e);
      }
    }
    return -1;
  }

  /** One write attempt; false (after pausing) when it failed. */
  private boolean attempt(Pending pending) throws InterruptedException {
    try {
      WriteBatch batch = pending.batch(blobs);
      storage.writer().write(batch);
      checkpoint = batch.checkpoint();
      written.addAndGet(batch.envelopes().size());
      state = State.RUNNING;
      backoff.reset();
      return true;
    } catch (VirtualMachineError e) {
      throw e;
    } catch (RuntimeException | Error e) {
      // Drivers fail with Errors too (PgJDBC asserts when a connection breaks mid-batch and
      // assertions are on): a failed write is retried whatever it threw, so that the writer never
      // stops while the process runs. Only the JVM's own failures (out of memory) end it.
      failed(e);
      return false;
    }
  }

  private void failed(Throwable e) throws InterruptedException {
    lastError = e;
    state = State.RETRYING;
    long n = failures.incrementAndGet();
    long wait = backoff.nextNanos();
    if (n == 1 || n % 20 == 0) {
      LOG.warn("store write failed ({} so far), retrying in {} ms: {}", n, wait / 1_000_000, e.toString());
    }
    synchronized (pause) {
      if (!stopping) {
        TimeUnit.NANOSECONDS.timedWait(pause, wait);
      }
    }
  }

  private Pending collect(Reader reader) throws InterruptedException {
    List<ReadResult> results = new ArrayList<>();
    if (reader.drainTo(results, config.maxBatch(), config.linger()) == 0) {
      return null;
    }
    long deadline = System.nanoTime() + config.linger().toNanos();
    while (results.size() < config.maxBatch() && !stopping) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || reader.drainTo(results, config.maxBatch() - results.size(),
          java.time.Duration.ofNanos(left)) == 0) {
        break;
      }
    }
    List<Envelope> envelopes = new ArrayList<>(results.size());
    for (ReadResult r : results) {
      if (r instanceof ReadResult.Delivered d) {
        envelopes.add(d.envelope());
      } else if (r instanceof Gap g) {
        drops.add(dropReason(g.reason()), g.count());
        LOG.warn("store writer skipped seqs {}..{} ({}): gone from the log", g.from(), g.to(), g.reason().wireName());
      }
    }
    return new Pending(envelopes, reader.position());
  }

  private static DropReason dropReason(Gap.Reason reason) {
    return switch (reason) {
      case RETENTION -> DropReason.RETENTION;
      case CORRUPT -> DropReason.CORRUPT;
      case SUBSCRIBER_OVERFLOW -> DropReason.SUBSCRIBER_OVERFLOW;
    };
  }

  /** Stops after the batch in hand is written (or {@code closeTimeout} passed). */
  @Override
  public void close() {
    stopping = true;
    synchronized (pause) {
      pause.notifyAll();
    }
    try {
      thread.join(config.closeTimeout().toMillis());
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(1000);
      }
      Thread r = readerThread;
      if (r != null) {
        r.interrupt();
        r.join(1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A collected batch waiting to be written; screenshot bytes are read once, on the first attempt. */
  private static final class Pending {
    private final List<Envelope> envelopes;
    private final long checkpoint;
    private WriteBatch batch;

    Pending(List<Envelope> envelopes, long checkpoint) {
      this.envelopes = envelopes;
      this.checkpoint = checkpoint;
    }

    WriteBatch batch(BlobStore blobs) {
      if (batch == null) {
        Map<Long, byte[]> bytes = new HashMap<>();
        for (Envelope e : envelopes) {
          if (blobs != null && e.head().type().equals("screenshot.capture")) {
            String hash = ScreenshotInfo.sha256(e);
            try {
              blobs.get(hash).ifPresentOrElse(b -> bytes.put(e.seq(), b),
                  () -> LOG.warn("screenshot {} has no bytes in the blob store (sha256 {})", e.seq(), hash));
            } catch (IOException ex) {
              throw new UncheckedIOException("reading screenshot " + e.seq() + " from the blob store", ex);
            }
          }
        }
        batch = new WriteBatch(CONSUMER, envelopes, bytes, checkpoint);
      }
      return batch;
    }
  }
}
