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

  private static int flags(String flags, String where) {
    if (flags.isEmpty()) {
      return 0;
    }
    if (!flags.equals("i")) {
      throw new IllegalArgumentException(where + " may only be \"i\" (the flags JavaScript and Java share)");
    }
    return Pattern.CASE_INSENSITIVE;
  }

  private static Pattern compile(String regex, int flags, String where) {
    if (regex == null || regex.isEmpty()) {
      throw new IllegalArgumentException(where + " must be a non-empty regular expression");
    }
    try {
      return Pattern.compile(regex, flags);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(where + " is not a valid regular expression: " + e.getDescription());
    }
  }
}
