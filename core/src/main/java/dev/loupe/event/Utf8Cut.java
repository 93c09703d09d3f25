package dev.loupe.event;

/**
 * Measures strings in UTF-8 bytes and cuts them to a byte budget with a visible marker, never
 * splitting a surrogate pair. The marker counts against the budget, so a cut string is never
 * longer than the limit it was cut to.
 */
public final class Utf8Cut {
  private Utf8Cut() {}

  /** UTF-8 length of {@code s} without encoding it. */
  public static int length(CharSequence s) {
    int bytes = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** The marker appended to a cut string, naming how many bytes were removed. */
  public static String marker(long removedBytes) {
    return "…[truncated " + removedBytes + " bytes]";
  }

  /**
   * {@code s} itself when it fits in {@code maxBytes}, otherwise its longest prefix that, followed
   * by the marker, fits.
   */
  public static String cut(String s, int maxBytes) {
    int total = length(s);
    if (total <= maxBytes) {
      return s;
    }
    // The marker's own length depends on the number it prints; size it for the worst case.
    int markerBytes = length(marker(total));
    int budget = Math.max(0, maxBytes - markerBytes);
    int bytes = 0;
    int end = 0;
    for (int n = s.length(); end < n; ) {
      char c = s.charAt(end);
      int width;
      int chars = 1;
      if (c < 0x80) {
        width = 1;
      } else if (c < 0x800) {
        width = 2;
      } else if (Character.isHighSurrogate(c) && end + 1 < n && Character.isLowSurrogate(s.charAt(end + 1))) {
        width = 4;
        chars = 2;
      } else {
        width = 3;
      }
      if (bytes + width > budget) {
        break;
      }
      bytes += width;
      end += chars;
    }
    return s.substring(0, end) + marker(total - bytes);
  }
}
