package dev.loupe.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the durable log is laid out and kept.
 *
 * @param dir directory of the segment files (created if missing)
 * @param segmentBytes a segment is rolled once it holds at least this many bytes
 * @param segmentMaxAge a non-empty segment older than this is rolled, so age retention can act
 * @param maxRecordBytes longest line accepted when reading back (longer is garbage)
 * @param retentionMaxAge sealed segments whose newest record is older are deleted
 * @param retentionMaxBytes oldest sealed segments are deleted while the log is larger
 * @param channels opens segment files for writing (a test seam)
 */
public record LogConfig(
    Path dir,
    long segmentBytes,
    Duration segmentMaxAge,
    int maxRecordBytes,
    Duration retentionMaxAge,
    long retentionMaxBytes,
    LogChannels channels) {

  public LogConfig {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(channels, "channels");
    if (segmentBytes < 1024) {
      throw new IllegalArgumentException("segmentBytes must be at least 1024");
    }
  }

  /** 64 MB segments rolled hourly, 7 days or 10 GB kept, records up to 1 MB. */
  public static LogConfig defaults(Path dir) {
    return new LogConfig(dir, 64L << 20, Duration.ofHours(1), 1 << 20, Duration.ofDays(7), 10L << 30,
        LogChannels.standard());
  }

  public LogConfig withSegmentBytes(long bytes) {
    return new LogConfig(dir, bytes, segmentMaxAge, maxRecordBytes, retentionMaxAge, retentionMaxBytes, channels);
  }

  public LogConfig withSegmentMaxAge(Duration age) {
    return new LogConfig(dir, segmentBytes, age, maxRecordBytes, retentionMaxAge, retentionMaxBytes, channels);
  }

  public LogConfig withMaxRecordBytes(int bytes) {
    return new LogConfig(dir, segmentBytes, segmentMaxAge, bytes, retentionMaxAge, retentionMaxBytes, channels);
  }

  public LogConfig withRetention(Duration maxAge, long maxBytes) {
    return new LogConfig(dir, segmentBytes, segmentMaxAge, maxRecordBytes, maxAge, maxBytes, channels);
  }

  public LogConfig withChannels(LogChannels channels) {
    return new LogConfig(dir, segmentBytes, segmentMaxAge, maxRecordBytes, retentionMaxAge, retentionMaxBytes, channels);
  }

  /** Longest line the reader accepts: the record limit plus room for the envelope framing. */
  int maxLineBytes() {
    return maxRecordBytes + 4096;
  }
}
