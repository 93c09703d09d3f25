package dev.loupe.storage;

import java.util.regex.Pattern;

/**
 * A pattern over event types: {@code *} matches any run of characters (dots included) and every
 * other character matches itself, so {@code network.*}, {@code *.error} and {@code console.log}
 * work. Only the characters of event types and {@code *} are accepted, so a glob can never smuggle
 * SQL or regex syntax; it is translated to a LIKE pattern (with {@code _} escaped) bound as a
 * parameter, or to a regex for the memory backend.
 */
public final class TypeGlob {
  private static final Pattern VALID = Pattern.compile("[a-z0-9_.*]{1,100}");
  private final String glob;
  private final Pattern regex;

  private TypeGlob(String glob) {
    this.glob = glob;
    StringBuilder r = new StringBuilder();
    String[] parts = glob.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        r.append(".*");
      }
      if (!parts[i].isEmpty()) {
        r.append(Pattern.quote(parts[i]));
      }
    }
    this.regex = Pattern.compile(r.toString());
  }

  /**
   * @throws IllegalArgumentException when the glob has characters an event type cannot have
   */
  public static TypeGlob parse(String glob) {
    if (glob == null || !VALID.matcher(glob).matches()) {
      throw new IllegalArgumentException("type must be an event type or a glob of [a-z0-9_.*] such as network.*");
    }
    return new TypeGlob(glob);
  }

  public boolean matches(String type) {
    return regex.matcher(type).matches();
  }

  /** The equivalent LIKE pattern, to be used with {@code ESCAPE '\'}. */
  public String likePattern() {
    return glob.replace("_", "\\_").replace('*', '%');
  }

  public String glob() {
    return glob;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TypeGlob t && t.glob.equals(glob);
  }

  @Override
  public int hashCode() {
    return glob.hashCode();
  }

  @Override
  public String toString() {
    return glob;
  }
}
