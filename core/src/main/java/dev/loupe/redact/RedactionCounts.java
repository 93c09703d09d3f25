package dev.loupe.redact;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** How many values each rule redacted (rule ids: {@code header}, {@code json_key}, {@code query_param}, value kinds). */
public final class RedactionCounts {
  private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

  void add(String rule) {
    counts.computeIfAbsent(rule, r -> new LongAdder()).increment();
  }

  public long count(String rule) {
    LongAdder a = counts.get(rule);
    return a == null ? 0 : a.sum();
  }

  /** Counts by rule id, sorted by id. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((rule, adder) -> out.put(rule, adder.sum()));
    return out;
  }
}
