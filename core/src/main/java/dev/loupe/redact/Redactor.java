package dev.loupe.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.loupe.event.Event;
import dev.loupe.event.Source;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Applies {@link RedactionRules} to an event before it is sequenced, so nothing unredacted ever
 * reaches the log, the store or a subscriber.
 *
 * <h2>What is looked at</h2>
 * Every string in {@code data} and {@code source.metadata}, the event's {@code url}, and the keys
 * of every object: an object under a key ending in {@code headers} is a header map (names matched
 * case-insensitively against the header list); any other key matching a JSON-key pattern has its
 * whole value redacted; then URLs in strings have listed parameters redacted, then value patterns
 * run over the text.
 *
 * <h2>URLs</h2>
 * Every URL anywhere in a string — each match of {@link #URL}, {@code (?:https?|wss?)://} up to
 * whitespace, a quote, a backtick, an angle bracket or a backslash, case-insensitively — so URLs
 * in error messages, stack lines and JSON or other text are covered, not only strings that are a
 * URL. A whole string that starts with {@code /} (a relative URL), {@code ?} (a query, like
 * {@code location.search}) or {@code #} (a fragment) is taken as one URL first. A URL held in a
 * parameter of an absolute URL is not looked at on its own. In a URL, the query is
 * from the first {@code ?} before the first {@code #} up to that {@code #}; the fragment, from the
 * first {@code #}, holds {@code name=value} pairs after its first {@code ?} if it has one
 * ({@code #/callback?code=…}, a hash route), else all of it if it contains {@code =}
 * ({@code #access_token=…&state=…}, the OAuth implicit flow). Pairs are split at {@code &}; a
 * pair whose (URL-decoded, case-insensitive) name is on the query list is masked, hashed or
 * removed and counted as {@code query_param}, in the query and in the fragment alike. The search
 * only runs when a string contains {@code ://} and a {@code ?} or {@code #}.
 *
 * <h2>Value patterns</h2>
 * A value rule only runs its regular expression when its cheap prefilter passes (one of its
 * literals occurs, or enough digits), which keeps the common case — nothing secret — fast. A
 * match of a rule with the {@code luhn} check must pass Luhn; when it does not, the match is split
 * at its separators (space or dash) and its prefixes that end at a separator are tried, longest
 * first, then its suffixes that begin after one, longest first: the first of 13 to 19 digits that
 * passes is redacted and the rest of the match kept ({@code 4242 4242 4242 4242 123}, a card and
 * its CVV). A run of digits without separators that fails is left alone (more likely an id).
 *
 * <p>Thread-safe; counts are kept per rule.
 */
public final class Redactor {
  private static final String HEADERS_SUFFIX = "headers";
  private static final String BODY_SUFFIX = "body";
  private static final int KEY_CACHE_SIZE = 4096;
  /**
   * A URL inside text: {@code (?:https?|wss?)://[^\s"'`<>\\]+}, case-insensitive. The class
   * spells out JavaScript's {@code \s} (which, unlike Java's, includes Unicode spaces and line
   * terminators), so that a URL ends exactly where it does in the SDK.
   */
  static final java.util.regex.Pattern URL = java.util.regex.Pattern.compile(
      "(?:https?|wss?)://[^\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F"
          + "\\u3000\\uFEFF\"'`<>\\\\]+", java.util.regex.Pattern.CASE_INSENSITIVE);
  /**
   * A form-encoded body: pairs joined by {@code &}, nothing else, with at least one {@code =} (a pair
   * may be a bare name, and a pair empty: {@code remember&password=x&}). The SDK has the same.
   */
  private static final java.util.regex.Pattern FORM =
      java.util.regex.Pattern.compile("(?=\\S*=)[^\\s=&{}\\[\\]\"]+(=[^\\s&]*)?(&([^\\s=&]+(=[^\\s&]*)?)?)*");

  private final RedactionRules rules;
  private final RedactionCounts counts;
  private final byte[] hashKey;
  private final Prefilter prefilter;
  private final java.util.concurrent.ConcurrentHashMap<String, Boolean> keyDecisions =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param hashKey key for the {@code hash} action (per project, secret); may be null when no rule hashes
   */
  public Redactor(RedactionRules rules, RedactionCounts counts, byte[] hashKey) {
    this.rules = rules;
    this.counts = counts;
    this.hashKey = hashKey == null ? new byte[32] : hashKey.clone();
    this.prefilter = new Prefilter(rules.values());
  }

  public RedactionCounts counts() {
    return counts;
  }

  /** The event with its secrets redacted; the data tree is changed in place. */
  public Event apply(Event event) {
    if (event.data() != null) {
      redactObject(event.data());
    }
    Source source = event.source();
    if (source.metadata() != null) {
      redactObject(source.metadata());
    }
    String url = event.url();
    if (url != null) {
      String redacted = redactString(url);
      if (!redacted.equals(url)) {
        return event.withUrl(redacted);
      }
    }
    return event;
  }

  private void redactObject(ObjectNode object) {
    List<String> remove = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (value instanceof ObjectNode headers && endsWithIgnoreCase(key, HEADERS_SUFFIX)) {
        redactHeaders(headers);
      } else if (value.isTextual() && endsWithIgnoreCase(key, BODY_SUFFIX)) {
        String body = value.textValue();
        String redacted = redactBody(body);
        if (!redacted.equals(body)) {
          field.setValue(TextNode.valueOf(redacted));
        }
      } else if (!value.isNull() && matchesKey(key)) {
        counts.add("json_key");
        if (rules.keyAction() == RedactionAction.REMOVE) {
          remove = add(remove, key);
        } else {
          field.setValue(TextNode.valueOf(replacement("key", rules.keyAction(), value)));
        }
      } else {
        JsonNode redacted = redactValue(value);
        if (redacted != value) {
          field.setValue(redacted);
        }
      }
    }
    if (remove != null) {
      remove.forEach(object::remove);
    }
  }

  private void redactHeaders(ObjectNode headers) {
    List<String> remove = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> header = it.next();
      if (rules.headerNames().contains(header.getKey().toLowerCase(Locale.ROOT))) {
        counts.add("header");
        if (rules.headerAction() == RedactionAction.REMOVE) {
          remove = add(remove, header.getKey());
        } else {
          header.setValue(TextNode.valueOf(replacement("header", rules.headerAction(), header.getValue())));
        }
      } else {
        JsonNode redacted = redactValue(header.getValue());
        if (redacted != header.getValue()) {
          header.setValue(redacted);
        }
      }
    }
    if (remove != null) {
      remove.forEach(headers::remove);
    }
  }

  private JsonNode redactValue(JsonNode value) {
    if (value.isTextual()) {
      String text = value.textValue();
      String redacted = redactString(text);
      return redacted.equals(text) ? value : TextNode.valueOf(redacted);
    }
    if (value instanceof ObjectNode o) {
      redactObject(o);
    } else if (value instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        JsonNode element = a.get(i);
        JsonNode redacted = redactValue(element);
        if (redacted != element) {
          a.set(i, redacted);
        }
      }
    }
    return value;
  }

  /**
   * A request or response body: JSON bodies are parsed so their keys are redacted like any other
   * JSON (and written back compactly, only when something changed); form-encoded bodies are
   * redacted like query strings; anything else as text.
   */
  private String redactBody(String body) {
    int first = 0;
    while (first < body.length() && Character.isWhitespace(body.charAt(first))) {
      first++;
    }
    if (first < body.length() && (body.charAt(first) == '{' || body.charAt(first) == '[')) {
      try {
        JsonNode tree = dev.loupe.event.EventJson.mapper().readTree(body);
        String before = tree.toString();
        JsonNode redacted = redactValue(tree);
        String after = redacted.toString();
        return after.equals(before) ? body : after;
      } catch (java.io.IOException | RuntimeException notJson) {
        return redactString(body);
      }
    }
    if (body.length() < 64 * 1024 && FORM.matcher(body).matches()) {
      return redactString(redactPairs(body, 0, body.length(), true));
    }
    return redactString(body);
  }

  /**
   * Whether a JSON key is sensitive. Keys repeat endlessly (message, url, args…), so decisions are
   * cached; the cache is bounded so that hostile data with endless distinct keys cannot grow it.
   */
  private boolean matchesKey(String key) {
    Boolean cached = keyDecisions.get(key);
    if (cached != null) {
      return cached;
    }
    boolean sensitive = false;
    for (java.util.regex.Pattern p : rules.keyPatterns()) {
      if (p.matcher(key).find()) {
        sensitive = true;
        break;
      }
    }
    if (keyDecisions.size() < KEY_CACHE_SIZE && key.length() <= 64) {
      keyDecisions.put(key, sensitive);
    }
    return sensitive;
  }

  /** Redacts listed parameters of the URLs in a string, then value patterns. */
  public String redactString(String text) {
    String out = redactUrls(text);
    long candidates = prefilter.candidates(out);
    List<RedactionRules.ValueRule> values = rules.values();
    for (int i = 0; candidates != 0 && i < values.size(); i++) {
      if ((candidates & (1L << i)) == 0) {
        continue;
      }
      String replaced = replaceMatches(out, values.get(i));
      if (replaced != out) {
        out = replaced;
        // What an earlier rule replaced may have removed later rules' literals: look again.
        candidates = prefilter.candidates(out) & ~((2L << i) - 1);
      }
    }
    return out;
  }

  private String replaceMatches(String text, RedactionRules.ValueRule rule) {
    Matcher m = rule.pattern().matcher(text);
    StringBuilder sb = null;
    int last = 0;
    while (m.find()) {
      if (m.end() == m.start()) {
        continue;
      }
      String match = m.group();
      int from = 0;
      int to = match.length();
      if (rule.luhn() && !Luhn.valid(match)) {
        long piece = luhnPiece(match);
        if (piece < 0) {
          continue;
        }
        from = (int) (piece >>> 32);
        to = (int) piece;
      }
      if (sb == null) {
        sb = new StringBuilder(text.length());
      }
      sb.append(text, last, m.start() + from)
          .append(replacement(rule.kind(), rule.action(), TextNode.valueOf(match.substring(from, to))));
      last = m.start() + to;
      counts.add(rule.kind());
    }
    if (sb == null) {
      return text;
    }
    return sb.append(text, last, text.length()).toString();
  }

  /**
   * In a match that failed Luhn as a whole (a card followed by a CVV, or preceded by other
   * digits), the part that passes: its prefixes ending at a separator, longest first, then its
   * suffixes beginning after one, longest first. Returns {@code from << 32 | to}, or -1 when none
   * passes (always so for a run without separators).
   */
  private static long luhnPiece(String match) {
    int n = match.length();
    for (int i = n - 1; i > 0; i--) {
      if (isSeparator(match.charAt(i)) && !isSeparator(match.charAt(i - 1)) && Luhn.valid(match, 0, i)) {
        return i;
      }
    }
    for (int i = 0; i < n - 1; i++) {
      if (isSeparator(match.charAt(i)) && !isSeparator(match.charAt(i + 1)) && Luhn.valid(match, i + 1, n)) {
        return (long) (i + 1) << 32 | n;
      }
    }
    return -1;
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '-';
  }

  /**
   * {@code text} with listed parameters of its URLs redacted (see the class comment): the whole
   * string when it starts with {@code /}, {@code ?} or {@code #}, then every match of {@link #URL}
   * (an absolute URL in a relative one's query, {@code /login?next=https://…?code=…}).
   */
  private String redactUrls(String text) {
    if (text.isEmpty()) {
      return text;
    }
    char first = text.charAt(0);
    if (first == '/' || first == '?' || first == '#') {
      text = redactUrl(text);
    }
    if (text.indexOf("://") < 0 || (text.indexOf('?') < 0 && text.indexOf('#') < 0)) {
      return text;
    }
    Matcher m = URL.matcher(text);
    StringBuilder sb = null;
    int last = 0;
    while (m.find()) {
      String url = m.group();
      String redacted = redactUrl(url);
      if (redacted != url) {
        if (sb == null) {
          sb = new StringBuilder(text.length() + 32);
        }
        sb.append(text, last, m.start()).append(redacted);
        last = m.end();
      }
    }
    return sb == null ? text : sb.append(text, last, text.length()).toString();
  }

  /**
   * One URL with the listed parameters of its query and of its fragment redacted; the same
   * instance when nothing was.
   */
  private String redactUrl(String url) {
    int hash = url.indexOf('#');
    int queryEnd = hash < 0 ? url.length() : hash;
    int q = url.indexOf('?');
    if (q >= queryEnd) {
      q = -1;
    }
    int fragmentPairs = -1;
    if (hash >= 0) {
      int fq = url.indexOf('?', hash + 1);
      if (fq >= 0) {
        fragmentPairs = fq + 1;
      } else if (url.indexOf('=', hash + 1) >= 0) {
        fragmentPairs = hash + 1;
      }
    }
    if (q < 0 && fragmentPairs < 0) {
      return url;
    }
    StringBuilder out = new StringBuilder(url.length() + 32);
    boolean changed = false;
    int copied = 0;
    if (q >= 0) {
      out.append(url, 0, q + 1);
      changed |= appendPairs(url, q + 1, queryEnd, false, out);
      copied = queryEnd;
    }
    if (fragmentPairs >= 0) {
      out.append(url, copied, fragmentPairs);
      changed |= appendPairs(url, fragmentPairs, url.length(), false, out);
      copied = url.length();
    }
    return changed ? out.append(url, copied, url.length()).toString() : url;
  }

  /**
   * Redacts {@code name=value} pairs separated by {@code &} in {@code text[from, end)}: names on the
   * query list, and for form bodies also names matching the JSON key patterns.
   */
  private String redactPairs(String text, int from, int end, boolean alsoKeyPatterns) {
    StringBuilder out = new StringBuilder(text.length() + 32).append(text, 0, from);
    if (!appendPairs(text, from, end, alsoKeyPatterns, out)) {
      return text;
    }
    return out.append(text, end, text.length()).toString();
  }

  /**
   * Appends the pairs of {@code text[from, end)} to {@code out}, redacted; removed pairs leave no
   * separator behind. Returns whether any pair was redacted.
   */
  private boolean appendPairs(String text, int from, int end, boolean alsoKeyPatterns, StringBuilder out) {
    boolean changed = false;
    boolean firstKept = true;
    int start = from;
    while (start <= end) {
      int amp = text.indexOf('&', start);
      int stop = amp < 0 || amp > end ? end : amp;
      int eq = start;
      while (eq < stop && text.charAt(eq) != '=') {
        eq++;
      }
      if (eq == stop) {
        eq = -1;
      }
      boolean redact = false;
      if (eq >= 0) {
        String name = decodeName(text.substring(start, eq));
        redact = rules.queryNames().contains(name.toLowerCase(Locale.ROOT)) || (alsoKeyPatterns && matchesKey(name));
      }
      if (redact) {
        counts.add("query_param");
        changed = true;
      }
      if (!redact || rules.queryAction() != RedactionAction.REMOVE) {
        if (!firstKept) {
          out.append('&');
        }
        firstKept = false;
        if (redact) {
          out.append(text, start, eq + 1)
              .append(replacement("query", rules.queryAction(), TextNode.valueOf(text.substring(eq + 1, stop))));
        } else {
          out.append(text, start, stop);
        }
      }
      start = stop + 1;
    }
    return changed;
  }

  private static String decodeName(String name) {
    try {
      return java.net.URLDecoder.decode(name, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return name;
    }
  }

  private String replacement(String kind, RedactionAction action, JsonNode original) {
    if (action == RedactionAction.HASH) {
      String text = original.isTextual() ? original.textValue() : original.toString();
      return "[HASH:" + kind + ":" + hmac(text) + "]";
    }
    return "[REDACTED:" + kind + "]";
  }

  private String hmac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(hashKey, "HmacSHA256"));
      byte[] digest = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required by every JVM", e);
    }
  }

  private static boolean endsWithIgnoreCase(String s, String suffix) {
    return s.regionMatches(true, s.length() - suffix.length(), suffix, 0, suffix.length());
  }



  private static List<String> add(List<String> list, String key) {
    List<String> out = list == null ? new ArrayList<>() : list;
    out.add(key);
    return out;
  }
}
