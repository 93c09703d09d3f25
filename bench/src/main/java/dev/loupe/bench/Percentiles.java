package dev.loupe.bench;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of recorded samples. */
public final class Percentiles {
  private Percentiles() {}

  public static long of(long[] samples, double percentile) {
    if (samples.length == 0) {
      return 0;
    }
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
  }

  public static long of(Collection<Long> samples, double percentile) {
    return of(samples.stream().mapToLong(Long::longValue).toArray(), percentile);
  }
}
