package dev.loupe.event;

import java.util.Locale;

/**
 * How much of the native payload an event carries, as a ladder: {@code minimal} (identity and
 * outcome), {@code standard} (the default), {@code verbose} (bodies, full frames), {@code raw}
 * (the producer's native payload).
 */
public enum DetailLevel {
  MINIMAL, STANDARD, VERBOSE, RAW;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wireName;
  }

  /** The level with this wire name, or null. */
  public static DetailLevel fromWireName(String name) {
    for (DetailLevel level : values()) {
      if (level.wireName.equals(name)) {
        return level;
      }
    }
    return null;
  }
}
