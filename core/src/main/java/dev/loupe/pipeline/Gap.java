package dev.loupe.pipeline;

/**
 * Seqs {@code from..to} (inclusive) that a reader will never see, and why. A gap is always
 * explicit: readers never skip silently.
 */
public record Gap(long from, long to, Reason reason) implements ReadResult {

  /** Why the events are gone. */
  public enum Reason {
    /** Log retention deleted them before this reader got there. */
    RETENTION,
    /** Their log records were corrupt on disk. */
    CORRUPT,
    /** The reader fell too far behind a live head and was moved forward by its owner. */
    SUBSCRIBER_OVERFLOW;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public long count() {
    return to - from + 1;
  }
}
