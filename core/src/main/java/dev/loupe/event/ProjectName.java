package dev.loupe.event;

import java.util.regex.Pattern;

/**
 * Project names are short lowercase identifiers. They appear in the log, in metrics labels and in
 * URLs, so the alphabet is restricted rather than escaped everywhere.
 */
public final class ProjectName {
  public static final String DEFAULT = "default";
  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  private ProjectName() {}

  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches();
  }

  /** Returns the name, or throws naming the rule. */
  public static String require(String name) {
    if (!isValid(name)) {
      throw new IllegalArgumentException(
          "project name must be 1-63 characters of a-z, 0-9, '_' or '-', starting with a letter or digit: " + name);
    }
    return name;
  }
}
