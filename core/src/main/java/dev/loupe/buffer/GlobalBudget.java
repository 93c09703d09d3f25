package dev.loupe.buffer;

import java.util.concurrent.atomic.AtomicLong;

/** The estimated bytes all buffers hold together, against one global cap. */
final class GlobalBudget {
  private final long maxBytes;
  private final AtomicLong bytes = new AtomicLong();

  GlobalBudget(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  boolean fits(long size) {
    return bytes.get() + size <= maxBytes;
  }

  void add(long size) {
    bytes.addAndGet(size);
  }

  void remove(long size) {
    bytes.addAndGet(-size);
  }

  long bytes() {
    return bytes.get();
  }

  long maxBytes() {
    return maxBytes;
  }
}
