package dev.loupe.pipeline;

import dev.loupe.event.Envelope;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory tail of the sequenced stream: the most recent durable envelopes, for readers that
 * keep up.
 *
 * <h2>Algorithm</h2>
 * One publisher (the sequencer's sync thread) stores envelopes in seq order into a power-of-two
 * array at {@code seq & mask}, then advances {@code published} with a release store. A reader wanting
 * seq {@code s} first reads {@code published} (acquire); if {@code s <= published} it loads the slot
 * and accepts the envelope only if its seq is exactly {@code s} — otherwise the slot was overwritten
 * (or cleared to honour the byte budget) and the reader must go to the log. Envelopes are immutable,
 * so a reference read is all the synchronisation a reader needs: readers never lock, never write
 * shared state, and can never slow the publisher.
 *
 * <p>Memory is bounded twice: by the slot count and by an estimated byte budget; when the budget is
 * exceeded the oldest slots are cleared early ({@code oldestRetained} moves forward).
 *
 * <p>Readers that want to block register as waiters; the publisher signals only when there are
 * waiters, so an idle system costs one volatile read per published group.
 */
final class Ring {
  private final AtomicReferenceArray<ReadResult.Delivered> slots;
  private final int mask;
  private final long maxBytes;
  private volatile long published;
  /** Oldest seq still held (publisher-owned; readers only use it as a hint). */
  private volatile long oldestRetained;
  private long retainedBytes;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition advanced = lock.newCondition();
  private final AtomicInteger waiters = new AtomicInteger();

  /**
   * @param capacity slot count, rounded up to a power of two
   * @param maxBytes estimated bytes the held envelopes may occupy
   * @param lastSeq the seq already durable when the ring starts (nothing before it is held)
   */
  Ring(int capacity, long maxBytes, long lastSeq) {
    int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
    this.slots = new AtomicReferenceArray<>(size);
    this.mask = size - 1;
    this.maxBytes = maxBytes;
    this.published = lastSeq;
    this.oldestRetained = lastSeq + 1;
  }

  int capacity() {
    return mask + 1;
  }

  /** The newest durable seq (0 before the first event). */
  long published() {
    return published;
  }

  /** The oldest seq the ring may still hold. */
  long oldestRetained() {
    return oldestRetained;
  }

  /** Publishes envelopes whose seqs continue {@link #published()} without a hole. */
  void publish(Envelope[] envelopes, int count) {
    if (count == 0) {
      return;
    }
    long oldest = oldestRetained;
    for (int i = 0; i < count; i++) {
      Envelope e = envelopes[i];
      long seq = e.seq();
      int slot = (int) (seq & mask);
      ReadResult.Delivered previous = slots.get(slot);
      if (previous != null && previous.envelope().seq() >= oldest) {
        retainedBytes -= previous.envelope().estimatedBytes();
        oldest = previous.envelope().seq() + 1;
      }
      slots.set(slot, new ReadResult.Delivered(e));
      retainedBytes += e.estimatedBytes();
      while (retainedBytes > maxBytes && oldest < seq) {
        ReadResult.Delivered victim = slots.getAndSet((int) (oldest & mask), null);
        if (victim != null && victim.envelope().seq() == oldest) {
          retainedBytes -= victim.envelope().estimatedBytes();
        }
        oldest++;
      }
    }
    oldestRetained = oldest;
    published = envelopes[count - 1].seq();
    if (waiters.get() > 0) {
      lock.lock();
      try {
        advanced.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** The envelope with this seq if the ring still holds it; the caller checked {@code seq <= published}. */
  ReadResult.Delivered get(long seq) {
    ReadResult.Delivered d = slots.get((int) (seq & mask));
    return d != null && d.envelope().seq() == seq ? d : null;
  }

  /**
   * Waits until {@code seq} is published or the timeout passes.
   *
   * @return whether {@code seq} is published
   */
  boolean awaitPublished(long seq, long timeoutNanos) throws InterruptedException {
    if (published >= seq) {
      return true;
    }
    for (int spin = 0; spin < 64; spin++) {
      Thread.onSpinWait();
      if (published >= seq) {
        return true;
      }
    }
    long remaining = timeoutNanos;
    waiters.incrementAndGet();
    lock.lock();
    try {
      while (published < seq) {
        if (remaining <= 0) {
          return false;
        }
        remaining = advanced.awaitNanos(remaining);
      }
      return true;
    } finally {
      lock.unlock();
      waiters.decrementAndGet();
    }
  }

  /** Wakes every waiting reader (used on close). */
  void wakeAll() {
    lock.lock();
    try {
      advanced.signalAll();
    } finally {
      lock.unlock();
    }
  }

}
