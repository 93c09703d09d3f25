package dev.loupe.server.ops;

import dev.loupe.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Events per second over time, from a monotonic total sampled once a second into a ring of the
 * last five minutes. The sampling is driven by whoever calls {@link #sample()} (a scheduler in
 * production, the test with a manual clock).
 */
public final class IngestRate {
  private static final int SECONDS = 300;

  private final LongSupplier total;
  private final Clock clock;
  private final long[] totals = new long[SECONDS + 1];
  private final long[] times = new long[SECONDS + 1];
  private int next;
  private int size;

  public IngestRate(LongSupplier total, Clock clock) {
    this.total = total;
    this.clock = clock;
  }

  /** Records the current total; call once a second. */
  public synchronized void sample() {
    totals[next] = total.getAsLong();
    times[next] = clock.epochMicros();
    next = (next + 1) % totals.length;
    size = Math.min(size + 1, totals.length);
  }

  /** Average events per second over the last {@code seconds} (or what has been sampled). */
  public synchronized double perSecond(int seconds) {
    if (size < 2) {
      return 0;
    }
    int newest = index(size - 1);
    int back = Math.min(seconds, size - 1);
    int oldest = index(size - 1 - back);
    double elapsed = (times[newest] - times[oldest]) / 1e6;
    return elapsed <= 0 ? 0 : (totals[newest] - totals[oldest]) / elapsed;
  }

  /** One point per sampled second: [epoch micros, events in that second]. */
  public synchronized List<long[]> history() {
    List<long[]> out = new ArrayList<>();
    for (int i = 1; i < size; i++) {
      int cur = index(i);
      int prev = index(i - 1);
      out.add(new long[] {times[cur], totals[cur] - totals[prev]});
    }
    return out;
  }

  private int index(int logical) {
    int oldest = size < totals.length ? 0 : next;
    return (oldest + logical) % totals.length;
  }
}
