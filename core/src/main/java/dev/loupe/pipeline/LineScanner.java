package dev.loupe.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads newline-terminated lines from a file channel, from a given offset, with one reusable
 * buffer. A line longer than the maximum is reported once as garbage (and skipped to its newline);
 * bytes after the last newline — a torn or in-progress write — are never returned as a line.
 */
final class LineScanner {
  private final FileChannel channel;
  private final int maxLine;
  private byte[] buf;
  /** File offset of buf[0]. */
  private long bufStart;
  /** Bytes of buf holding file data. */
  private int filled;
  /** Where the next line starts in buf. */
  private int pos;
  /** Where the newline search resumes (bytes before it hold no newline). */
  private int searchFrom;
  private boolean skipping;

  private int lineStart;
  private int lineLength;
  private long lineOffset;
  private boolean garbage;

  LineScanner(FileChannel channel, long offset, int maxLine) {
    this.channel = channel;
    this.maxLine = maxLine;
    this.buf = new byte[Math.min(256 * 1024, maxLine + 1)];
    this.bufStart = offset;
  }

  /**
   * Advances to the next complete line, reading no further than {@code limitOffset}.
   *
   * @return false when no complete line is available before the limit (call again later)
   */
  boolean next(long limitOffset) throws IOException {
    while (true) {
      for (int i = Math.max(pos, searchFrom); i < filled; i++) {
        if (buf[i] == '\n') {
          lineStart = pos;
          lineLength = i - pos;
          lineOffset = bufStart + pos;
          garbage = skipping || lineLength > maxLine;
          skipping = false;
          pos = i + 1;
          searchFrom = pos;
          return true;
        }
      }
      searchFrom = filled;
      if (filled - pos > maxLine) {
        // No newline within a maximal line: drop what we hold and skip to the next newline.
        skipping = true;
        bufStart += filled;
        filled = 0;
        pos = 0;
        searchFrom = 0;
      }
      long fileOffset = bufStart + filled;
      if (fileOffset >= limitOffset) {
        return false;
      }
      if (pos > 0) {
        System.arraycopy(buf, pos, buf, 0, filled - pos);
        bufStart += pos;
        filled -= pos;
        searchFrom -= pos;
        pos = 0;
      }
      if (filled == buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.min(buf.length * 2, maxLine + 2));
      }
      int want = (int) Math.min(buf.length - filled, limitOffset - fileOffset);
      int read = channel.read(ByteBuffer.wrap(buf, filled, want), fileOffset);
      if (read <= 0) {
        return false;
      }
      filled += read;
    }
  }

  /** Makes the current line the next one returned again (the caller was not ready for it). */
  void pushBack() {
    pos = lineStart;
    searchFrom = lineStart;
  }

  /** Whether the current line is not a record (too long, or the tail of a skipped one). */
  boolean isGarbage() {
    return garbage;
  }

  byte[] array() {
    return buf;
  }

  int lineStart() {
    return lineStart;
  }

  int lineLength() {
    return lineLength;
  }

  /** File offset of the current line's first byte. */
  long lineOffset() {
    return lineOffset;
  }

  /** File offset just after the current line's newline. */
  long endOffset() {
    return lineOffset + lineLength + 1;
  }
}
