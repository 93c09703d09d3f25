package dev.loupe.drop;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one tally of dropped events, shared by every component and shown in stats and metrics.
 * Counting is contention-free ({@link LongAdder}) because it happens on hot paths.
 */
public final class Drops {
  private final EnumMap<DropReason, LongAdder> counters = new EnumMap<>(DropReason.class);

  public Drops() {
    for (DropReason reason : DropReason.values()) {
      counters.put(reason, new LongAdder());
    }
  }

  public void add(DropReason reason, long count) {
    if (count > 0) {
      counters.get(reason).add(count);
    }
  }

  public void add(DropReason reason) {
    counters.get(reason).increment();
  }

  public long count(DropReason reason) {
    return counters.get(reason).sum();
  }

  public long total() {
    long total = 0;
    for (LongAdder adder : counters.values()) {
      total += adder.sum();
    }
    return total;
  }

  /** Counts by reason, every reason present (zero included), in declaration order. */
  public Map<DropReason, Long> snapshot() {
    Map<DropReason, Long> out = new EnumMap<>(DropReason.class);
    counters.forEach((reason, adder) -> out.put(reason, adder.sum()));
    return out;
  }
}
