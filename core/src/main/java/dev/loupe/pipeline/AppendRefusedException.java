package dev.loupe.pipeline;

import java.time.Duration;

/**
 * The log's typed refusal of an append. Nothing of the batch was sequenced; the producer may retry
 * after {@link #retryAfter()} (the HTTP layer answers 503 with {@code Retry-After}).
 */
public final class AppendRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the log refused. */
  public enum Reason {
    /** The writer's queue is full: producers outpace the disk. */
    SATURATED,
    /** The disk has no room (or less than the configured reserve). */
    DISK_FULL,
    /** An fsync failed; the log stops accepting until restarted, as its page cache can't be trusted. */
    FAILED,
    /** The pipeline is closing or closed. */
    CLOSED
  }

  private final Reason reason;
  private final transient Duration retryAfter;

  public AppendRefusedException(Reason reason, Duration retryAfter, String message) {
    super(message, null, false, false);
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  public Reason reason() {
    return reason;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
