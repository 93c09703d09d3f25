package dev.loupe.buffer;

import dev.loupe.event.Envelope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * One bounded FIFO buffer of envelopes, ordered by seq (which is also receive order).
 *
 * <h2>Eviction</h2>
 * When an add would exceed the buffer's entry or byte bound, or the shared global bound, the buffer
 * first removes its entries whose TTL has expired; if that is not enough it removes its oldest 10 %
 * (at least one entry); if the new entry still does not fit, the new entry is refused and counted.
 * Time comes from the caller (the owner's injected clock).
 */
final class CategoryBuffer {
  private final BufferSpec spec;
  private final GlobalBudget global;
  private final ArrayDeque<Envelope> entries = new ArrayDeque<>();
  private long bytes;
  private long ttlExpired;
  private long evicted;
  private long dropped;
  private long lastClearedAt;

  CategoryBuffer(BufferSpec spec, GlobalBudget global) {
    this.spec = spec;
    this.global = global;
  }

  BufferSpec spec() {
    return spec;
  }

  /** What happened to an added envelope. */
  enum Outcome { ADDED, DROPPED }

  /** Result of one add: the outcome and how many older entries were evicted (not expired) for it. */
  record AddResult(Outcome outcome, int evicted) {}

  synchronized AddResult add(Envelope e, long nowMicros) {
    long size = e.estimatedBytes();
    if (!fits(size)) {
      expire(nowMicros);
    }
    int evictedNow = 0;
    if (!fits(size) && !entries.isEmpty()) {
      int n = Math.max(1, entries.size() / 10);
      for (int i = 0; i < n; i++) {
        remove(entries.pollFirst());
      }
      evicted += n;
      evictedNow = n;
      lastClearedAt = nowMicros;
    }
    if (!fits(size)) {
      dropped++;
      return new AddResult(Outcome.DROPPED, evictedNow);
    }
    entries.addLast(e);
    bytes += size;
    global.add(size);
    return new AddResult(Outcome.ADDED, evictedNow);
  }

  private boolean fits(long size) {
    return entries.size() + 1 <= spec.maxEntries() && bytes + size <= spec.maxBytes() && global.fits(size);
  }

  /** Removes entries older than the TTL; returns how many. */
  synchronized int expire(long nowMicros) {
    long cutoff = nowMicros - spec.ttl().toNanos() / 1000;
    int n = 0;
    while (!entries.isEmpty() && entries.peekFirst().receivedAt() <= cutoff) {
      remove(entries.pollFirst());
      n++;
    }
    if (n > 0) {
      ttlExpired += n;
      lastClearedAt = nowMicros;
    }
    return n;
  }

  private void remove(Envelope e) {
    long size = e.estimatedBytes();
    bytes -= size;
    global.remove(size);
  }

  synchronized void clear(long nowMicros) {
    global.remove(bytes);
    bytes = 0;
    entries.clear();
    lastClearedAt = nowMicros;
  }

  /** The entries matching the filter, oldest first, at most {@code limit}. */
  synchronized List<Envelope> select(Predicate<Envelope> filter, int limit) {
    List<Envelope> out = new ArrayList<>();
    for (Iterator<Envelope> it = entries.iterator(); it.hasNext() && out.size() < limit; ) {
      Envelope e = it.next();
      if (filter.test(e)) {
        out.add(e);
      }
    }
    return out;
  }

  synchronized BufferStats stats() {
    double utilization = Math.max(entries.size() / (double) spec.maxEntries(), bytes / (double) spec.maxBytes());
    return new BufferStats(spec.name(), entries.size(),
        entries.isEmpty() ? 0 : entries.peekFirst().receivedAt(),
        entries.isEmpty() ? 0 : entries.peekLast().receivedAt(),
        bytes, ttlExpired, evicted, dropped, lastClearedAt, spec.maxEntries(), spec.maxBytes(), utilization,
        utilization >= CategoryBuffers.WARNING_RATIO);
  }
}
