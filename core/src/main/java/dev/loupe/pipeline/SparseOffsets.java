package dev.loupe.pipeline;

/**
 * A sparse seq → byte-offset index of one segment, so a reader can start near any seq without
 * scanning the segment from its start. Appended by one thread; read by any number without locks:
 * entries below {@code count} never change, and growth publishes a new array pair.
 */
final class SparseOffsets {
  /** Bytes between two index entries. */
  static final long SPACING = 64 * 1024;

  private record Arrays(long[] seqs, long[] offsets) {}

  private volatile Arrays arrays = new Arrays(new long[64], new long[64]);
  private volatile int count;
  private long lastOffset = -SPACING;

  /** Records that the line of {@code seq} starts at {@code offset}, if far enough from the last entry. */
  void maybeAdd(long seq, long offset) {
    if (offset - lastOffset < SPACING) {
      return;
    }
    Arrays a = arrays;
    int n = count;
    if (n == a.seqs.length) {
      a = new Arrays(java.util.Arrays.copyOf(a.seqs, n * 2), java.util.Arrays.copyOf(a.offsets, n * 2));
      arrays = a;
    }
    a.seqs[n] = seq;
    a.offsets[n] = offset;
    lastOffset = offset;
    count = n + 1;
  }

  /** Forgets entries at or after {@code offset} (the file was cut there). */
  void truncate(long offset) {
    Arrays a = arrays;
    int n = count;
    while (n > 0 && a.offsets[n - 1] >= offset) {
      n--;
    }
    count = n;
    lastOffset = n == 0 ? -SPACING : a.offsets[n - 1];
  }

  /** Offset of the nearest indexed line at or before {@code seq}, or 0. */
  long floorOffset(long seq) {
    int n = count;
    Arrays a = arrays;
    int lo = 0;
    int hi = n - 1;
    long best = 0;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (a.seqs[mid] <= seq) {
        best = a.offsets[mid];
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return best;
  }
}
