package dev.loupe.pipeline;

import dev.loupe.event.EncodedEvent;
import dev.loupe.event.Envelope;
import dev.loupe.event.EnvelopeCodec;
import dev.loupe.event.ProjectName;
import dev.loupe.time.Clock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every event its seq, appends it to the log, makes it durable and publishes it — the only
 * place in Loupe where seqs are assigned.
 *
 * <h2>Algorithm</h2>
 * Producers hand a batch of encoded events to {@link #append}, which reserves room in a byte-bounded
 * queue (refusing with {@code SATURATED} when it is full, instead of growing the heap) and returns a
 * future. Two threads do the rest, in seq order:
 * <ol>
 *   <li>The <b>writer</b> drains whatever batches are queued into one group (up to a byte bound),
 *   gives them consecutive seqs and one receive time, frames each event's bytes into an envelope
 *   line and writes the group with one positional write. Buffered-mode futures complete here. The
 *   written group is handed to the sync thread.</li>
 *   <li>The <b>syncer</b> takes every group written since its last fsync and forces the file once for
 *   all of them (group commit): immediately when a durable producer is waiting, otherwise when the
 *   oldest unsynced write is {@code fsyncInterval} old. Only then does it publish the group to the
 *   ring and complete the durable futures, so no reader ever sees an event a crash could take back.</li>
 * </ol>
 * Writing and fsync overlap: while one group is being forced the writer writes the next, so under
 * load groups grow and the fsync cost is shared by more events.
 *
 * <h2>Failures</h2>
 * A failed write (disk full) is cut back out of the file, its seqs are taken back (nobody saw them)
 * and its producers are refused with {@code DISK_FULL}; appends are refused for a second, then
 * tried again. Less free space than the configured reserve is refused the same way before writing.
 * A failed fsync is fatal: the kernel may have dropped the dirty pages, so the log refuses
 * everything with {@code FAILED} until restarted, and recovery decides what survived.
 */
final class Sequencer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);
  private static final Duration DISK_FULL_BACKOFF = Duration.ofSeconds(1);
  private static final long FREE_SPACE_CHECK_NANOS = 1_000_000_000L;
  /** Framing bytes accounted per event in the queue bound, on top of the event's JSON. */
  private static final int PER_EVENT_OVERHEAD = 80;

  /** A producer's batch on its way through the writer and syncer. */
  private static final class Batch {
    final String projectName;
    final byte[] project;
    final List<EncodedEvent> events;
    final AckMode ack;
    final long bytes;
    final CompletableFuture<AppendResult> future = new CompletableFuture<>();
    long firstSeq;
    long lastSeq;

    Batch(String projectName, List<EncodedEvent> events, AckMode ack, long bytes) {
      this.projectName = projectName;
      this.project = projectName.getBytes(StandardCharsets.US_ASCII);
      this.events = events;
      this.ack = ack;
      this.bytes = bytes;
    }

    void complete() {
      future.complete(new AppendResult(firstSeq, lastSeq));
    }
  }

  /** What the writer hands to the syncer: a written group, or a rolled segment to seal. */
  private record Written(Segment segment, boolean sealSegment, Envelope[] envelopes, int count,
      List<Batch> durable, long writtenAtNanos) {}

  private final DurableLog log;
  private final Ring ring;
  private final Clock clock;
  private final PipelineConfig config;
  private final LongConsumer fsyncObserver;
  private final ConcurrentLinkedQueue<Batch> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final Thread writer;
  private final Thread syncer;
  private volatile boolean writerParked;
  private volatile boolean closing;
  private volatile boolean writerDone;
  private volatile AppendRefusedException fatal;
  private volatile long refuseUntilNanos;
  private volatile String refuseMessage;

  private final ReentrantLock pendingLock = new ReentrantLock();
  private final Condition pendingChanged = pendingLock.newCondition();
  private final ArrayDeque<Written> pending = new ArrayDeque<>();
  private int pendingDurable;

  // Writer-thread state.
  private long nextSeq;
  private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
  private long lastFreeCheckNanos = Long.MIN_VALUE;
  private boolean lowOnSpace;

  // Statistics.
  private final LongAdder appendedEvents = new LongAdder();
  private final LongAdder appendedBytes = new LongAdder();
  private final LongAdder fsyncs = new LongAdder();
  private final LongAdder fsyncNanos = new LongAdder();
  private volatile long writtenSeq;

  Sequencer(DurableLog log, Ring ring, Clock clock, PipelineConfig config, LongConsumer fsyncObserver) {
    this.log = log;
    this.ring = ring;
    this.clock = clock;
    this.config = config;
    this.fsyncObserver = fsyncObserver;
    this.nextSeq = log.recovery().lastSeq() + 1;
    this.writtenSeq = nextSeq - 1;
    this.writer = new Thread(this::writeLoop, "loupe-sequencer-writer");
    this.syncer = new Thread(this::syncLoop, "loupe-sequencer-sync");
    writer.setDaemon(true);
    syncer.setDaemon(true);
    writer.start();
    syncer.start();
  }

  // ---- producers ----------------------------------------------------------------------------

  CompletableFuture<AppendResult> append(String project, List<EncodedEvent> events, AckMode ack) {
    ProjectName.require(project);
    if (events.isEmpty()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("empty batch"));
    }
    AppendRefusedException refusal = refusal();
    if (refusal != null) {
      return CompletableFuture.failedFuture(refusal);
    }
    long bytes = 0;
    for (EncodedEvent e : events) {
      bytes += e.json().length + PER_EVENT_OVERHEAD;
    }
    long queued = queuedBytes.addAndGet(bytes);
    if (queued > config.maxQueueBytes() && queued != bytes) {
      queuedBytes.addAndGet(-bytes);
      return CompletableFuture.failedFuture(new AppendRefusedException(AppendRefusedException.Reason.SATURATED,
          Duration.ofSeconds(1), "the log writer is saturated (" + config.maxQueueBytes() + " bytes queued)"));
    }
    Batch batch = new Batch(project, List.copyOf(events), ack, bytes);
    queue.offer(batch);
    if (writerParked) {
      LockSupport.unpark(writer);
    }
    if (writerDone && queue.remove(batch)) {
      // The writer stopped between our check and the offer: nobody will take this batch.
      queuedBytes.addAndGet(-bytes);
      batch.future.completeExceptionally(refusalOrClosed());
    }
    return batch.future;
  }

  private AppendRefusedException refusalOrClosed() {
    AppendRefusedException r = refusal();
    return r != null ? r : new AppendRefusedException(AppendRefusedException.Reason.CLOSED, Duration.ofSeconds(5),
        "the log is shutting down");
  }

  private AppendRefusedException refusal() {
    if (fatal != null) {
      return fatal;
    }
    if (closing) {
      return new AppendRefusedException(AppendRefusedException.Reason.CLOSED, Duration.ofSeconds(5),
          "the log is shutting down");
    }
    long until = refuseUntilNanos;
    if (until != 0 && clock.nanoTime() - until < 0) {
      return new AppendRefusedException(AppendRefusedException.Reason.DISK_FULL, DISK_FULL_BACKOFF, refuseMessage);
    }
    return null;
  }

  // ---- writer thread ------------------------------------------------------------------------

  private void writeLoop() {
    List<Batch> group = new ArrayList<>();
    try {
      while (true) {
        Batch first = queue.poll();
        if (first == null) {
          if (closing && queue.isEmpty()) {
            break;
          }
          writerParked = true;
          if (queue.isEmpty() && !closing) {
            LockSupport.parkNanos(this, 50_000_000L);
          }
          writerParked = false;
          continue;
        }
        group.clear();
        group.add(first);
        long bytes = first.bytes;
        Batch next;
        while (bytes < config.maxGroupBytes() && (next = queue.poll()) != null) {
          group.add(next);
          bytes += next.bytes;
        }
        writeGroup(group, bytes);
      }
    } catch (Throwable t) {
      fail("the log writer stopped unexpectedly", t);
    } finally {
      writerDone = true;
      refuseQueued();
      pendingLock.lock();
      try {
        pendingChanged.signalAll();
      } finally {
        pendingLock.unlock();
      }
    }
  }

  private void writeGroup(List<Batch> group, long bytes) {
    AppendRefusedException refusal = fatal != null ? fatal : spaceRefusal();
    if (refusal != null) {
      refuse(group, refusal, bytes);
      return;
    }
    long now = clock.epochMicros();
    Segment sealed = null;
    if (log.shouldRoll(now)) {
      try {
        sealed = log.roll(nextSeq);
      } catch (IOException e) {
        refuse(group, diskRefusal("could not start a new log segment: " + e.getMessage()), bytes);
        return;
      }
    }
    int count = 0;
    for (Batch b : group) {
      count += b.events.size();
    }
    ensureBuffer(group);
    Segment segment = log.active();
    long startPosition = log.writePosition();
    long startSeq = nextSeq;
    Envelope[] envelopes = new Envelope[count];
    int k = 0;
    ByteBuffer buf = buffer;
    buf.clear();
    for (Batch b : group) {
      b.firstSeq = nextSeq;
      String project = b.projectName;
      for (EncodedEvent e : b.events) {
        long seq = nextSeq++;
        segment.recordAppend(seq, startPosition + buf.position(), now);
        EnvelopeCodec.encodeInto(buf, seq, now, b.project, e.json());
        buf.put((byte) '\n');
        envelopes[k++] = Envelope.sequenced(seq, now, project, e.event(), e.json());
      }
      b.lastSeq = nextSeq - 1;
    }
    buf.flip();
    int lineBytes = buf.remaining();
    try {
      log.write(buf);
    } catch (IOException e) {
      nextSeq = startSeq;
      try {
        log.truncateTo(startPosition);
      } catch (IOException truncateFailed) {
        e.addSuppressed(truncateFailed);
        fail("a failed log write could not be cut back", e);
        refuse(group, fatal, bytes);
        return;
      }
      LOG.warn("log write failed, refusing appends for {}: {}", DISK_FULL_BACKOFF, e.toString());
      refuse(group, diskRefusal("the log could not be written: " + e.getMessage()), bytes);
      if (sealed != null) {
        handOff(new Written(sealed, true, null, 0, List.of(), clock.nanoTime()));
      }
      return;
    }
    segment.lastSeq = nextSeq - 1;
    segment.size = log.writePosition();
    writtenSeq = nextSeq - 1;
    queuedBytes.addAndGet(-bytes);
    appendedEvents.add(count);
    appendedBytes.add(lineBytes);
    List<Batch> durable = new ArrayList<>(group.size());
    for (Batch b : group) {
      if (b.ack == AckMode.BUFFERED) {
        b.complete();
      } else {
        durable.add(b);
      }
    }
    if (sealed != null) {
      handOff(new Written(sealed, true, null, 0, List.of(), clock.nanoTime()));
    }
    handOff(new Written(segment, false, envelopes, count, durable, clock.nanoTime()));
  }

  private void ensureBuffer(List<Batch> group) {
    long need = 0;
    for (Batch b : group) {
      for (EncodedEvent e : b.events) {
        need += EnvelopeCodec.maxEncodedLength(b.project.length, e.json().length) + 1;
      }
    }
    if (need > buffer.capacity()) {
      buffer = ByteBuffer.allocateDirect((int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, buffer.capacity() * 2L)));
    }
  }

  private AppendRefusedException spaceRefusal() {
    long reserve = config.minFreeBytes();
    if (reserve <= 0) {
      return null;
    }
    long now = clock.nanoTime();
    if (lastFreeCheckNanos == Long.MIN_VALUE || now - lastFreeCheckNanos >= FREE_SPACE_CHECK_NANOS) {
      lastFreeCheckNanos = now;
      try {
        lowOnSpace = Files.getFileStore(log.config().dir()).getUsableSpace() < reserve;
      } catch (IOException e) {
        lowOnSpace = false;
      }
    }
    return lowOnSpace ? diskRefusal("less than " + reserve + " bytes free on the log's disk") : null;
  }

  private AppendRefusedException diskRefusal(String message) {
    refuseMessage = message;
    refuseUntilNanos = clock.nanoTime() + DISK_FULL_BACKOFF.toNanos();
    return new AppendRefusedException(AppendRefusedException.Reason.DISK_FULL, DISK_FULL_BACKOFF, message);
  }

  private void refuse(List<Batch> group, AppendRefusedException refusal, long bytes) {
    queuedBytes.addAndGet(-bytes);
    for (Batch b : group) {
      b.future.completeExceptionally(refusal);
    }
  }

  private void refuseQueued() {
    Batch b;
    while ((b = queue.poll()) != null) {
      queuedBytes.addAndGet(-b.bytes);
      b.future.completeExceptionally(refusalOrClosed());
    }
  }

  private void handOff(Written w) {
    pendingLock.lock();
    try {
      pending.add(w);
      if (!w.durable().isEmpty() || w.sealSegment()) {
        pendingDurable++;
      }
      pendingChanged.signalAll();
    } finally {
      pendingLock.unlock();
    }
  }

  // ---- sync thread --------------------------------------------------------------------------

  private void syncLoop() {
    List<Written> taken = new ArrayList<>();
    try {
      while (true) {
        taken.clear();
        pendingLock.lock();
        try {
          while (pending.isEmpty()) {
            if (writerDone) {
              return;
            }
            pendingChanged.await();
          }
          long interval = config.fsyncInterval().toNanos();
          while (pendingDurable == 0 && !closing && !writerDone && interval > 0) {
            long waited = clock.nanoTime() - pending.peekFirst().writtenAtNanos();
            if (waited >= interval) {
              break;
            }
            pendingChanged.awaitNanos(interval - waited);
          }
          taken.addAll(pending);
          pending.clear();
          pendingDurable = 0;
        } finally {
          pendingLock.unlock();
        }
        sync(taken);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      fail("the log's sync thread stopped unexpectedly", t);
    } finally {
      AppendRefusedException f = fatal;
      if (f != null) {
        failPending(taken, f);
      }
    }
  }

  private void sync(List<Written> taken) {
    if (fatal != null) {
      failPending(taken, fatal);
      return;
    }
    long start = clock.nanoTime();
    Segment last = null;
    Segment lastForced = null;
    try {
      for (Written w : taken) {
        if (w.sealSegment()) {
          log.force(w.segment());
          lastForced = w.segment();
        } else {
          last = w.segment();
        }
      }
      if (last != null && last != lastForced) {
        log.force(last);
      }
    } catch (IOException e) {
      fail("fsync of the log failed; refusing all appends until restart", e);
      failPending(taken, fatal);
      return;
    }
    long elapsed = clock.nanoTime() - start;
    fsyncs.increment();
    fsyncNanos.add(elapsed);
    if (fsyncObserver != null) {
      fsyncObserver.accept(elapsed);
    }
    for (Written w : taken) {
      if (w.sealSegment()) {
        try {
          log.seal(w.segment());
        } catch (IOException e) {
          LOG.warn("could not record sealed segment {} in the index: {}", w.segment(), e.toString());
        }
        continue;
      }
      ring.publish(w.envelopes(), w.count());
      for (Batch b : w.durable()) {
        b.complete();
      }
    }
  }

  private void failPending(List<Written> taken, AppendRefusedException f) {
    for (Written w : taken) {
      for (Batch b : w.durable()) {
        b.future.completeExceptionally(f);
      }
    }
    taken.clear();
    pendingLock.lock();
    try {
      for (Written w : pending) {
        for (Batch b : w.durable()) {
          b.future.completeExceptionally(f);
        }
      }
      pending.clear();
    } finally {
      pendingLock.unlock();
    }
  }

  private void fail(String message, Throwable cause) {
    if (fatal == null) {
      LOG.error(message, cause);
      fatal = new AppendRefusedException(AppendRefusedException.Reason.FAILED, Duration.ofSeconds(30),
          message + ": " + cause);
    }
  }

  // ---- state ---------------------------------------------------------------------------------

  /** Whether appends are currently accepted (no fatal failure, not closing, not refusing for space). */
  boolean healthy() {
    return refusal() == null;
  }

  /** Why appends are refused right now, or null. */
  AppendRefusedException currentRefusal() {
    return refusal();
  }

  long writtenSeq() {
    return writtenSeq;
  }

  long queuedBytes() {
    return queuedBytes.get();
  }

  long appendedEvents() {
    return appendedEvents.sum();
  }

  long appendedBytes() {
    return appendedBytes.sum();
  }

  long fsyncCount() {
    return fsyncs.sum();
  }

  long fsyncTotalNanos() {
    return fsyncNanos.sum();
  }

  /** Stops taking appends, writes and syncs everything queued, and stops both threads. */
  @Override
  public void close() {
    closing = true;
    LockSupport.unpark(writer);
    pendingLock.lock();
    try {
      pendingChanged.signalAll();
    } finally {
      pendingLock.unlock();
    }
    join(writer);
    join(syncer);
  }

  private static void join(Thread t) {
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
