package dev.loupe.buffer;

/**
 * One buffer's accounting (seed 000's {@code BufferStats}), times in microseconds since the epoch
 * (0 when there is none).
 *
 * @param utilization the larger of entries/maxEntries and bytes/maxBytes, 0..1
 * @param warning utilization at or above 80 %
 */
public record BufferStats(
    String name,
    int entryCount,
    long oldestTs,
    long newestTs,
    long estimatedBytes,
    long ttlExpiredCount,
    long evictedCount,
    long droppedCount,
    long lastClearedAt,
    int maxEntries,
    long maxBytes,
    double utilization,
    boolean warning) {}
