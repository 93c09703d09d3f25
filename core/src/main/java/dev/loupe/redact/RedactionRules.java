package dev.loupe.redact;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.event.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The declarative redaction rule set ({@code rules/redaction.json}): sensitive header names,
 * JSON key patterns, URL query parameter names and value patterns. The browser SDK compiles the
 * same file in, so both sides agree on what is secret. See that file's {@code about}.
 */
public record RedactionRules(
    RedactionAction headerAction,
    Set<String> headerNames,
    RedactionAction keyAction,
    List<Pattern> keyPatterns,
    RedactionAction queryAction,
    Set<String> queryNames,
    List<ValueRule> values) {

  /** One value pattern, e.g. email or a card number. */
  public record ValueRule(String kind, Pattern pattern, List<String> prefilter, int minDigits, boolean luhn,
      RedactionAction action) {}

  /** The rules Loupe ships with. */
  public static RedactionRules defaults() {
    try (InputStream in = RedactionRules.class.getResourceAsStream("redaction.json")) {
      if (in == null) {
        throw new IllegalStateException("redaction.json is missing from the classpath");
      }
      return parse(EventJson.mapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rules from a file in the same format. */
  public static RedactionRules load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(EventJson.mapper().readTree(in));
    }
  }

  /**
   * Parses a rule set.
   *
   * @throws IllegalArgumentException naming the field when the rules are malformed
   */
  public static RedactionRules parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("redaction rules must be a JSON object");
    }
    JsonNode headers = root.path("headers");
    JsonNode keys = root.path("json_keys");
    JsonNode query = root.path("query_params");
    int keyFlags = flags(keys.path("flags").asText(""), "json_keys.flags");
    List<Pattern> keyPatterns = new ArrayList<>();
    for (JsonNode p : keys.path("patterns")) {
      keyPatterns.add(compile(p.asText(), keyFlags, "json_keys.patterns"));
    }
    List<ValueRule> values = new ArrayList<>();
    int i = 0;
    for (JsonNode v : root.path("values")) {
      String where = "values[" + i++ + "]";
      String kind = v.path("kind").asText("");
      if (!kind.matches("[a-z0-9_]+")) {
        throw new IllegalArgumentException(where + ".kind must be lowercase letters, digits and '_'");
      }
      List<String> prefilter = new ArrayList<>();
      for (JsonNode literal : v.path("prefilter")) {
        prefilter.add(literal.asText().toLowerCase(Locale.ROOT));
      }
      String check = v.path("check").asText("");
      if (!check.isEmpty() && !check.equals("luhn")) {
        throw new IllegalArgumentException(where + ".check must be luhn when present");
      }
      values.add(new ValueRule(kind, compile(v.path("pattern").asText(), flags(v.path("flags").asText(""),
          where + ".flags"), where + ".pattern"), List.copyOf(prefilter), v.path("min_digits").asInt(0),
          check.equals("luhn"), RedactionAction.parse(v.path("action").asText(null), where)));
    }
    return new RedactionRules(
        RedactionAction.parse(headers.path("action").asText(null), "headers"), lowercase(headers.path("names")),
        RedactionAction.parse(keys.path("action").asText(null), "json_keys"), List.copyOf(keyPatterns),
        RedactionAction.parse(query.path("action").asText(null), "query_params"), lowercase(query.path("names")),
        List.copyOf(values));
  }

  private static Set<String> lowercase(JsonNode names) {
    Set<String> out = new TreeSet<>();
    for (JsonNode n : names) {
      out.add(n.asText().toLowerCase(Locale.ROOT));
    }
    return Set.copyOf(out);
  }

  /**
   * {@code regex} with the escapes whose meaning differs between the two languages written out as
   * JavaScript reads them, so that a rule matches here exactly what it matches in the SDK:
   * {@code \s} and {@code \S} (JavaScript's include the Unicode spaces), and {@code \b} outside a
   * class (Java 17's counts an accented letter as part of a word, so {@code éAKIA…} had no
   * boundary before the key); and {@code $} outside a class, which without the multiline flag ends
   * the text in JavaScript but may match before a final line break in Java (a private key block
   * without its END line kept that line break). Other escapes, and anything inside a class but
   * those two, are left.
   */
  static String asJavaScriptReadsIt(String regex) {
    StringBuilder out = new StringBuilder(regex.length() + 64);
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        char escaped = regex.charAt(++i);
        if (escaped == 's') {
          out.append(inClass ? JS_SPACE : "[" + JS_SPACE + "]");
        } else if (escaped == 'S') {
          // Inside a class, Java reads a nested class as a union: [\s\S] is still any character.
          out.append("[^").append(JS_SPACE).append(']');
        } else if (escaped == 'b' && !inClass) {
          out.append(JS_BOUNDARY);
        } else {
          out.append(c).append(escaped);
        }
        continue;
      }
      if (c == '$' && !inClass) {
        out.append("\\z");
        continue;
      }
      if (c == '[') {
        inClass = true;
      } else if (c == ']') {
        inClass = false;
      }
      out.append(c);
    }
    return out.toString();
  }

  private static int flags(String flags, String where) {
    if (flags.isEmpty()) {
      return 0;
    }
    if (!flags.equals("i")) {
      throw new IllegalArgumentException(where + " may only be \"i\" (the flags JavaScript and Java share)");
    }
    return Pattern.CASE_INSENSITIVE;
  }

  /** JavaScript's {@code \s}: Java's lacks the Unicode spaces (no-break space and others). */
  private static final String JS_SPACE =
      "\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF";
  /** JavaScript's {@code \b}: at an ASCII word character's edge (Java 17's also counts Unicode letters). */
  private static final String JS_BOUNDARY = "(?:(?<=\\w)(?!\\w)|(?<!\\w)(?=\\w))";

  private static Pattern compile(String regex, int flags, String where) {
    if (regex == null || regex.isEmpty()) {
      throw new IllegalArgumentException(where + " must be a non-empty regular expression");
    }
    try {
      return Pattern.compile(asJavaScriptReadsIt(regex), flags);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(where + " is not a valid regular expression: " + e.getDescription());
    }
  }
}
