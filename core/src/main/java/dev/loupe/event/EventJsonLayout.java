package dev.loupe.event;

/**
 * Finds where a top-level field's value lies in an event's JSON without tokenising it, for
 * consumers that store parts of the encoding as they are (the SQL stores keep {@code source} and
 * {@code data} as text).
 *
 * <h2>Algorithm</h2>
 * One forward pass over the bytes of a JSON object Loupe encoded (compact, well-formed): at depth
 * one it reads each key, then skips the value — strings to their closing quote, honouring
 * backslash escapes; objects and arrays to the bracket that closes them, skipping the strings
 * inside (so braces in strings are not counted); scalars to the next comma or closing brace. It
 * allocates nothing and never looks at a value's contents, which makes it several times cheaper
 * than a parser for this one question. It must only be given JSON Loupe wrote.
 */
public final class EventJsonLayout {
  private EventJsonLayout() {}

  /** Offsets {@code [start, end)} of each requested field's value, or {@code -1, -1} when absent. */
  public static int[] valueRanges(byte[] json, String... fields) {
    int[] ranges = new int[fields.length * 2];
    java.util.Arrays.fill(ranges, -1);
    int i = skipWhitespace(json, 0);
    if (i >= json.length || json[i] != '{') {
      throw new IllegalArgumentException("not a JSON object");
    }
    i++;
    while (true) {
      i = skipWhitespace(json, i);
      if (i >= json.length || json[i] == '}') {
        return ranges;
      }
      if (json[i] == ',') {
        i = skipWhitespace(json, i + 1);
      }
      int keyStart = i + 1;
      int keyEnd = endOfString(json, i);
      i = skipWhitespace(json, keyEnd + 1);
      if (json[i] != ':') {
        throw new IllegalArgumentException("malformed object at byte " + i);
      }
      int valueStart = skipWhitespace(json, i + 1);
      int valueEnd = endOfValue(json, valueStart);
      for (int f = 0; f < fields.length; f++) {
        if (equalsAscii(json, keyStart, keyEnd, fields[f])) {
          ranges[2 * f] = valueStart;
          ranges[2 * f + 1] = valueEnd;
        }
      }
      i = valueEnd;
    }
  }

  /** The index of the quote closing the string that opens at {@code quote}. */
  private static int endOfString(byte[] json, int quote) {
    int i = quote + 1;
    while (i < json.length) {
      byte b = json[i];
      if (b == '\\') {
        i += 2;
      } else if (b == '"') {
        return i;
      } else {
        i++;
      }
    }
    throw new IllegalArgumentException("unterminated string");
  }

  /** The index just after the value that starts at {@code start}. */
  private static int endOfValue(byte[] json, int start) {
    byte first = json[start];
    if (first == '"') {
      return endOfString(json, start) + 1;
    }
    if (first == '{' || first == '[') {
      int depth = 0;
      int i = start;
      while (i < json.length) {
        byte b = json[i];
        if (b == '"') {
          i = endOfString(json, i) + 1;
          continue;
        }
        if (b == '{' || b == '[') {
          depth++;
        } else if (b == '}' || b == ']') {
          if (--depth == 0) {
            return i + 1;
          }
        }
        i++;
      }
      throw new IllegalArgumentException("unterminated container");
    }
    int i = start;
    while (i < json.length && json[i] != ',' && json[i] != '}' && json[i] != ' ' && json[i] != '\n') {
      i++;
    }
    return i;
  }

  private static boolean equalsAscii(byte[] json, int from, int to, String s) {
    if (to - from != s.length()) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (json[from + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static int skipWhitespace(byte[] json, int i) {
    while (i < json.length && (json[i] == ' ' || json[i] == '\n' || json[i] == '\r' || json[i] == '\t')) {
      i++;
    }
    return i;
  }
}
