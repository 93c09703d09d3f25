package dev.loupe.storage;

import dev.loupe.event.Category;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How long stored data is kept, per category.
 *
 * @param events the default for every category
 * @param perCategory overrides (the {@code screenshot} entry also governs screenshot images)
 */
public record RetentionPolicy(Duration events, Map<Category, Duration> perCategory) {
  public RetentionPolicy {
    Objects.requireNonNull(events, "events");
    requirePositive(events, "events");
    perCategory.forEach((c, d) -> requirePositive(d, c.wireName()));
    perCategory = Map.copyOf(perCategory);
  }

  /** Events 30 days, screenshots 7 days. */
  public static RetentionPolicy defaults() {
    return new RetentionPolicy(Duration.ofDays(30), Map.of(Category.SCREENSHOT, Duration.ofDays(7)));
  }

  /** The same per-category exceptions with another default for events. */
  public RetentionPolicy withEvents(Duration keep) {
    return new RetentionPolicy(keep, perCategory);
  }

  public RetentionPolicy with(Category category, Duration keep) {
    Map<Category, Duration> copy = new EnumMap<>(Category.class);
    copy.putAll(perCategory);
    copy.put(category, keep);
    return new RetentionPolicy(events, copy);
  }

  public Duration of(Category category) {
    return perCategory.getOrDefault(category, events);
  }

  /** The longest retention of any category: older than this, nothing is kept. */
  public Duration longest() {
    Duration max = events;
    for (Duration d : perCategory.values()) {
      if (d.compareTo(max) > 0) {
        max = d;
      }
    }
    return max;
  }

  /** The oldest event ts (µs) of this category still kept at {@code nowMicros}. */
  public long cutoff(Category category, long nowMicros) {
    return nowMicros - of(category).toNanos() / 1000;
  }

  private static void requirePositive(Duration d, String what) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("retention of " + what + " must be positive");
    }
  }
}
