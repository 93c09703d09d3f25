package dev.loupe.storage;

/**
 * A browsing session as the read API shows it; times in µs since the epoch, null when unknown.
 * Built by {@link SessionAggregate} from the session's events.
 */
public record Session(
    String sessionId,
    String project,
    long startedAt,
    long lastActivityAt,
    Long endedAt,
    String pageUrl,
    String referrer,
    String userAgent,
    String deviceType,
    String browser,
    String os,
    Integer viewportWidth,
    Integer viewportHeight,
    Integer screenWidth,
    Integer screenHeight,
    String userId,
    long eventCount,
    long errorCount,
    long pageCount,
    long screenshotCount) {

  /** From the start to the end, or to the last activity when that is later (or there is no end). */
  public long durationMs() {
    long end = endedAt == null ? lastActivityAt : Math.max(endedAt, lastActivityAt);
    return Math.max(0, end - startedAt) / 1000;
  }

  public boolean hasErrors() {
    return errorCount > 0;
  }
}
