package dev.loupe.buffer;

import dev.loupe.drop.DropReason;
import dev.loupe.drop.Drops;
import dev.loupe.event.Category;
import dev.loupe.event.Envelope;
import dev.loupe.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Seed 000's bounded in-memory buffers: one per category (and {@code network_bodies} for network
 * events that carry bodies), each bounded by entries, estimated bytes and TTL, all together by a
 * global cap (500 MB by default) with a warning at 80 %. See {@link CategoryBuffer} for eviction.
 * Evictions and refusals are counted in {@link Drops}.
 */
public final class CategoryBuffers {
  /** Utilization at which a buffer, or the whole, reports a warning. */
  public static final double WARNING_RATIO = 0.8;
  public static final long DEFAULT_GLOBAL_MAX_BYTES = 500L * 1024 * 1024;

  private final Map<String, CategoryBuffer> buffers = new LinkedHashMap<>();
  private final GlobalBudget global;
  private final Clock clock;
  private final Drops drops;

  public CategoryBuffers(Map<String, BufferSpec> specs, long globalMaxBytes, Clock clock, Drops drops) {
    this.global = new GlobalBudget(globalMaxBytes);
    this.clock = clock;
    this.drops = drops;
    for (BufferSpec spec : specs.values()) {
      buffers.put(spec.name(), new CategoryBuffer(spec, global));
    }
    for (Category c : Category.values()) {
      if (!buffers.containsKey(c.wireName())) {
        throw new IllegalArgumentException("no buffer spec for category " + c.wireName());
      }
    }
  }

  public static CategoryBuffers withDefaults(Clock clock, Drops drops) {
    return new CategoryBuffers(BufferSpec.defaults(), DEFAULT_GLOBAL_MAX_BYTES, clock, drops);
  }

  /** The name of the buffer an envelope belongs in. */
  public static String bufferOf(Envelope e) {
    Category category = e.head().category();
    if (category == Category.NETWORK) {
      var data = e.event().data();
      if (data != null && (data.has("request_body") || data.has("response_body"))) {
        return BufferSpec.NETWORK_BODIES;
      }
    }
    return category.wireName();
  }

  /**
   * Adds an envelope to its buffer, evicting as needed.
   *
   * @return false when it was refused because the buffer was full even after eviction
   */
  public boolean add(Envelope e) {
    CategoryBuffer.AddResult r = buffers.get(bufferOf(e)).add(e.compacted(), clock.epochMicros());
    drops.add(DropReason.EVICTED, r.evicted());
    if (r.outcome() == CategoryBuffer.Outcome.DROPPED) {
      drops.add(DropReason.BUFFER_FULL);
      return false;
    }
    return true;
  }

  /** Removes TTL-expired entries from every buffer (run periodically). */
  public int expire() {
    long now = clock.epochMicros();
    int n = 0;
    for (CategoryBuffer b : buffers.values()) {
      n += b.expire(now);
    }
    return n;
  }

  /** Empties every buffer. */
  public void clear() {
    long now = clock.epochMicros();
    buffers.values().forEach(b -> b.clear(now));
  }

  /** Matching envelopes from the named buffers (all when empty), ordered by seq, at most {@code limit}. */
  public List<Envelope> select(List<String> bufferNames, Predicate<Envelope> filter, int limit) {
    List<Envelope> out = new ArrayList<>();
    for (Map.Entry<String, CategoryBuffer> b : buffers.entrySet()) {
      if (bufferNames.isEmpty() || bufferNames.contains(b.getKey())) {
        out.addAll(b.getValue().select(filter, Integer.MAX_VALUE));
      }
    }
    out.sort((a, b) -> Long.compare(a.seq(), b.seq()));
    return out.size() <= limit ? out : out.subList(0, limit);
  }

  /** Stats of every buffer, in a stable order. */
  public Map<String, BufferStats> stats() {
    Map<String, BufferStats> out = new LinkedHashMap<>();
    buffers.forEach((name, b) -> out.put(name, b.stats()));
    return Collections.unmodifiableMap(out);
  }

  public long estimatedBytes() {
    return global.bytes();
  }

  public long maxBytes() {
    return global.maxBytes();
  }

  /** Whether all buffers together use 80 % or more of the global cap. */
  public boolean warning() {
    return global.bytes() >= WARNING_RATIO * global.maxBytes();
  }
}
