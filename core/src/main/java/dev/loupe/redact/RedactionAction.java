package dev.loupe.redact;

import java.util.Locale;

/** What a rule does to what it matches. */
public enum RedactionAction {
  /** Replace with {@code [REDACTED:<kind>]}. */
  MASK,
  /** Delete the field (headers and JSON keys); for values inside text, same as mask. */
  REMOVE,
  /** Replace with {@code [HASH:<kind>:<12 hex>]}, a keyed hash that lets equal values be correlated. */
  HASH;

  static RedactionAction parse(String name, String where) {
    if (name == null) {
      return MASK;
    }
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ".action must be mask, remove or hash, got '" + name + "'");
    }
  }
}
