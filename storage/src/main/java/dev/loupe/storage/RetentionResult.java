package dev.loupe.storage;

/**
 * What one retention pass removed.
 *
 * @param events rows deleted one by one (not counting dropped partitions)
 * @param partitionsDropped whole day partitions dropped (PostgreSQL)
 */
public record RetentionResult(long events, int partitionsDropped, long screenshots, long sessions) {
  public static final RetentionResult NONE = new RetentionResult(0, 0, 0, 0);
}
