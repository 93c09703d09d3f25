package dev.loupe.pipeline;

import java.nio.file.Path;

/**
 * One file of the durable log: envelopes {@code firstSeq..lastSeq}, one JSON line each, in seq
 * order. Its name is its first seq, zero-padded to 20 digits ({@code 00000000000000001042.log}),
 * so names sort like seqs and are never built from input.
 *
 * <p>Fields are written by the sequencer (or recovery) and read by readers and retention; they
 * are volatile because readers only need a recent value, never a consistent snapshot.
 */
final class Segment {
  static final String SUFFIX = ".log";

  final long firstSeq;
  final Path path;
  final SparseOffsets offsets = new SparseOffsets();
  /** firstSeq - 1 while empty. */
  volatile long lastSeq;
  /** Bytes of whole records (readers never read past it). */
  volatile long size;
  volatile long firstReceivedAt;
  volatile long lastReceivedAt;
  /** Whether the sparse offsets cover the whole file (built while writing or by a scan). */
  volatile boolean offsetsComplete;
  /** Fsynced and closed for writing; only sealed segments may be deleted by retention. */
  volatile boolean sealed;
  /** Open while the segment takes writes (writer and sync thread only). */
  volatile java.nio.channels.FileChannel writeChannel;

  Segment(Path dir, long firstSeq) {
    this.firstSeq = firstSeq;
    this.path = dir.resolve(fileName(firstSeq));
    this.lastSeq = firstSeq - 1;
  }

  static String fileName(long firstSeq) {
    return String.format("%020d%s", firstSeq, SUFFIX);
  }

  /** The first seq encoded in a segment file name, or -1 when the name is not a segment's. */
  static long parseFirstSeq(String fileName) {
    if (fileName.length() != 20 + SUFFIX.length() || !fileName.endsWith(SUFFIX)) {
      return -1;
    }
    long seq = 0;
    for (int i = 0; i < 20; i++) {
      char c = fileName.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      seq = seq * 10 + (c - '0');
    }
    return seq >= 1 ? seq : -1;
  }

  boolean isEmpty() {
    return lastSeq < firstSeq;
  }

  long count() {
    return lastSeq - firstSeq + 1;
  }

  /** Records a line appended by the writer at {@code offset}. */
  void recordAppend(long seq, long offset, long receivedAt) {
    offsets.maybeAdd(seq, offset);
    if (isEmpty()) {
      firstReceivedAt = receivedAt;
    }
    lastReceivedAt = receivedAt;
  }

  @Override
  public String toString() {
    return path.getFileName() + "[" + firstSeq + ".." + lastSeq + ", " + size + " B]";
  }
}
