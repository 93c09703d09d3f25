package dev.loupe.drop;

import java.util.Locale;

/**
 * Why an event was not kept. Every component that discards an event counts it under one of these,
 * so that nothing is lost silently.
 */
public enum DropReason {
  /** The client exceeded its request budget (HTTP 429). */
  RATE_LIMITED,
  /** The event broke a schema rule. */
  INVALID,
  /** The request or event exceeded a size limit. */
  TOO_LARGE,
  /** The log refused the append (disk full, writer saturated, stopping). */
  UNAVAILABLE,
  /** A memory buffer removed an event to make room (it stays in the log and the store). */
  EVICTED,
  /** A memory buffer was full even after eviction and refused a new event. */
  BUFFER_FULL,
  /** Log retention deleted events a reader had not read yet. */
  RETENTION,
  /** A corrupt log record could not be read. */
  CORRUPT,
  /** A live subscriber fell too far behind and was moved forward. */
  SUBSCRIBER_OVERFLOW,
  /** The browser SDK reported events it had to drop before sending. */
  CLIENT_DROPPED,
  /** The browser SDK reported events its {@code beforeSend} option left out: the app's choice, not a loss. */
  CLIENT_FILTERED;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wireName;
  }
}
