package dev.loupe.storage.writer;

import java.time.Duration;

/** Capped exponential backoff: initial, ×2 per consecutive failure, never above the cap. */
final class Backoff {
  private final long initialNanos;
  private final long maxNanos;
  private long nextNanos;

  Backoff(Duration initial, Duration max) {
    this.initialNanos = Math.max(1, initial.toNanos());
    this.maxNanos = Math.max(initialNanos, max.toNanos());
    this.nextNanos = initialNanos;
  }

  /** The pause before the next attempt; each call doubles the following one. */
  long nextNanos() {
    long n = nextNanos;
    nextNanos = Math.min(maxNanos, nextNanos * 2);
    return n;
  }

  void reset() {
    nextNanos = initialNanos;
  }
}
