package dev.loupe.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.loupe.event.Event;
import dev.loupe.event.Source;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
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
 * of every object: a key matching a JSON-key pattern has its whole value redacted; an object under
 * another key ending in {@code headers} is a header map (names matched case-insensitively against
 * the header list, and against the JSON-key patterns); a string under one ending in {@code body}
 * is parsed as JSON (one value or several, NDJSON), else read as a form, else as text, where the
 * members of text that looks like JSON but does not parse are masked by key too; then URLs in
 * strings have listed parameters redacted, then value patterns run over the text.
 *
 * <h2>URLs</h2>
 * Every URL anywhere in a string — each match of {@link #URL}, {@code (?:https?|wss?)://} up to
 * whitespace, a quote, a backtick, an angle bracket or a backslash, case-insensitively — so URLs
 * in error messages, stack lines and JSON or other text are covered, not only strings that are a
 * URL. A whole string that starts with {@code /} (a relative URL), {@code ?} (a query, like
 * {@code location.search}) or {@code #} (a fragment) is taken as one URL first. In a URL, the
 * query is from the first {@code ?} before the first {@code #} up to that {@code #}; the fragment,
 * from the first {@code #}, is read a part at a time, each from a {@code #} up to the next: a part
 * holds {@code name=value} pairs after its first {@code ?} if it has one
 * ({@code #/callback?code=…}, a hash route), else all of it if it contains {@code =}
 * ({@code #access_token=…&state=…}, the OAuth implicit flow; and {@code #a=1#token=…}). Pairs are
 * split at {@code &}, and at {@code &amp;} and JSON's escape of {@code &} (a backslash, then u0026)
 * as text may hold a URL that HTML or a JSON encoder escaped, each kept as it was; a pair whose
 * (URL-decoded, case-insensitive) name is on the query list is masked, hashed or removed and
 * counted as {@code query_param}, in the query and in the fragment alike. The search only runs
 * when a string contains {@code ://} (or {@code :\/\/}) and a {@code ?} or {@code #}.
 *
 * <p>A URL may be held in the value of another parameter: {@code ?next=%2Freset%3Ftoken%3D…},
 * {@code ?redirect=https://b.example/cb?code=…}; and an escape may hide a value from the value
 * rules: {@code ?e=jane%40example.com}, {@code ?c=4242+4242+…}. The value of every other pair,
 * URL-decoded as JavaScript's {@code decodeURIComponent} does ({@code +} a space first, as in
 * names), is redacted as a URL in turn when it holds a {@code ?} or {@code #}, and has the value
 * rules applied; when neither found anything and decoding changed it, it is decoded once more (a
 * value encoded twice: {@code %252Fcb%253Fcode%253D…}). That goes {@value #NESTED_URLS} levels
 * down at most, so that no input recurses deeper and the work stays linear. What is masked there
 * is counted as anywhere else. When something was, the value is put back encoded as
 * {@code encodeURIComponent} encodes it if it was encoded, as it is if it was not (nothing in it
 * to decode); else it is left byte for byte. Decoding is lenient ({@link #decodeComponent}): an
 * escape that does not decode stays as it is and the rest is still looked into. A value whose
 * redacted form cannot be encoded (a lone surrogate) is left as it is. The SDK does the same (and
 * also masks sensitive JSON members there, as it does in any text).
 *
 * <p>A pass over parameters that follows one that redacted some in the same text (the URL pass
 * after a relative URL taken whole, or after a form body's pairs) sees again what that one did (an
 * absolute URL held in a parameter, or the rest of the text after it): a value that already reads
 * as a query mask or hash is left and not counted there, so that it is counted, and hashed, once.
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
  /** How many URLs down, each held in a parameter of the one before, parameters are looked at. */
  static final int NESTED_URLS = 3;
  private static final String QUERY_MASK = "[REDACTED:query]";
  private static final String QUERY_HASH = "[HASH:query:";
  private static final String HEX = "0123456789ABCDEF";
  /**
   * Where a URL inside text starts: {@code (?:https?|wss?)://}, case-insensitive, or with its
   * slashes escaped as a JSON encoder may ({@code :\/\/}, PHP). The URL runs on up to the end of
   * the text or a space, a quote, {@code <}, {@code >} or a backslash ({@link #urlEnd}), as the SDK
   * finds it. It is scanned rather than matched as a whole: Java's regular expressions recurse once
   * per repetition of a group, which a long URL would overflow.
   */
  static final java.util.regex.Pattern URL_START =
      java.util.regex.Pattern.compile("(?:https?|wss?):(?://|\\\\/\\\\/)", java.util.regex.Pattern.CASE_INSENSITIVE);

  /**
   * The end of the URL whose characters start at {@code i}: the first space (JavaScript's
   * {@code \s}, which, unlike Java's, includes Unicode spaces and line terminators), quote,
   * {@code <}, {@code >} or backslash, but for the escapes a JSON encoder leaves inside a URL
   * ({@code \/}, and Go's escape of {@code &}: a backslash and u0026), which are part of it.
   */
  private static int urlEnd(String text, int i) {
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\\') {
        int escape = text.startsWith("\\/", i) ? 2 : text.startsWith("\\u0026", i) ? 6 : 0;
        if (escape == 0) {
          return i;
        }
        i += escape;
      } else if (c == '"' || c == '\'' || c == '`' || c == '<' || c == '>' || isJsSpace(c)) {
        return i;
      } else {
        i++;
      }
    }
    return n;
  }

  /**
   * Whether a body is form-encoded: pairs joined by {@code &}, nothing else, with at least one
   * {@code =} (a pair may be a bare name, and a pair empty: {@code remember&password=x&}); no space
   * anywhere, a name never empty before a {@code =}, the first name without {@code {}[]"} (so that
   * JSON is not taken for a form). The SDK has the same as a regular expression,
   * {@code (?=\S*=)[^\s=&{}[\]"]+(=[^\s&]*)?(&([^\s=&]+(=[^\s&]*)?)?)*}; here it is scanned, since
   * Java's matcher recurses once per pair and overflowed a request thread's stack on 16,000 of them.
   */
  static boolean isForm(String body) {
    if (body.indexOf('=') < 0) {
      return false;
    }
    int n = body.length();
    for (int i = 0, pair = 0; ; pair++) {
      int name = i;
      for (char c; i < n && (c = body.charAt(i)) != '=' && c != '&' && !isJsSpace(c); i++) {
        if (pair == 0 && (c == '{' || c == '}' || c == '[' || c == ']' || c == '"')) {
          return false;
        }
      }
      boolean unnamed = i == name;
      if (i < n && body.charAt(i) == '=') {
        if (unnamed) {
          return false;
        }
        for (i++; i < n && body.charAt(i) != '&' && !isJsSpace(body.charAt(i)); i++) {
          // the value
        }
      } else if (unnamed && pair == 0) {
        return false;
      }
      if (i == n) {
        return true;
      }
      if (body.charAt(i) != '&') {
        return false;
      }
      i++;
    }
  }

  /** JavaScript's {@code \s}. */
  private static boolean isJsSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r') || c == '\u00A0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200A')
        || c == '\u2028' || c == '\u2029' || c == '\u202F' || c == '\u205F' || c == '\u3000' || c == '\uFEFF';
  }

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
      // The key first, whatever it ends in (`secret_headers`, `secretBody` are masked whole).
      if (!value.isNull() && matchesKey(key)) {
        remove = maskKey(field, remove);
      } else if (value instanceof ObjectNode headers && endsWithIgnoreCase(key, HEADERS_SUFFIX)) {
        redactHeaders(headers);
      } else if (value.isTextual() && endsWithIgnoreCase(key, BODY_SUFFIX)) {
        String body = value.textValue();
        String redacted = redactBody(body);
        if (!redacted.equals(body)) {
          field.setValue(TextNode.valueOf(redacted));
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

  /** A header on the list, and one named like a sensitive JSON key (`X-CSRFToken`, `X-Client-Secret`), as such. */
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
      } else if (!header.getValue().isNull() && matchesKey(header.getKey())) {
        remove = maskKey(header, remove);
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

  /** A member whose key is sensitive: masked or hashed in place, or added to {@code remove}; returns {@code remove}. */
  private List<String> maskKey(Map.Entry<String, JsonNode> member, List<String> remove) {
    counts.add("json_key");
    if (rules.keyAction() == RedactionAction.REMOVE) {
      return add(remove, member.getKey());
    }
    member.setValue(TextNode.valueOf(replacement("key", rules.keyAction(), member.getValue())));
    return remove;
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
    // A byte order mark (which a body read as text may keep) and spaces before the JSON.
    int first = skipSpace(body, body.startsWith("\uFEFF") ? 1 : 0);
    if (first < body.length() && (body.charAt(first) == '{' || body.charAt(first) == '[')) {
      try {
        return redactJsonValues(body, first);
      } catch (java.io.IOException | RuntimeException notJson) {
        return redactString(maskJsonMembers(body));
      }
    }
    if (body.length() < 64 * 1024 && isForm(body)) {
      Pass pass = new Pass(false);
      String paired = redactPairs(body, 0, body.length(), true, pass);
      return redactString(paired, count(pass) > 0);
    }
    return redactString(body);
  }

  /**
   * A body of one JSON value, or of several one after another (NDJSON, JSON Lines): each redacted
   * as JSON, and the body written back compactly, a value a line, only when something changed
   * (what came before the first, {@code from} characters of spaces and a byte order mark, is then left out).
   * Anything after them that is no JSON value (a comment, a cut) makes the body not JSON.
   */
  private String redactJsonValues(String body, int from) throws java.io.IOException {
    com.fasterxml.jackson.databind.ObjectMapper mapper = dev.loupe.event.EventJson.mapper();
    StringBuilder before = new StringBuilder();
    StringBuilder after = new StringBuilder();
    // From the first value on: Jackson refuses a byte order mark in text.
    try (com.fasterxml.jackson.core.JsonParser parser = mapper.createParser(body.substring(from))) {
      for (JsonNode value; (value = mapper.readTree(parser)) != null; ) {
        String separator = before.isEmpty() ? "" : "\n";
        before.append(separator).append(value);
        after.append(separator).append(redactValue(value));
      }
    }
    String redacted = after.toString();
    return redacted.contentEquals(before) ? body : redacted;
  }

  /**
   * Text that starts like JSON but does not parse (a body cut at its limit, a key given twice, a
   * comment) with the text and scalar values of members whose key is sensitive masked or hashed
   * ({@code "password": "…"}, {@code "pin": 1234}); an object or array under such a key is left to
   * the value rules. A linear scan: each string is read to its closing quote, escapes skipped, so
   * that a quote inside a value is never taken for a key. Masks stand in for {@code remove}, which
   * cannot take a member out of text that does not parse.
   */
  private String maskJsonMembers(String text) {
    StringBuilder out = null;
    int copied = 0;
    int n = text.length();
    int i = text.indexOf('"');
    while (i >= 0) {
      int keyEnd = stringEnd(text, i);
      int j = skipSpace(text, keyEnd);
      if (keyEnd > n || j >= n || text.charAt(j) != ':') {
        i = keyEnd > n ? -1 : text.indexOf('"', keyEnd);
        continue;
      }
      int start = skipSpace(text, j + 1);
      int end = start < n && text.charAt(start) == '"' ? Math.min(stringEnd(text, start), n) : scalarEnd(text, start);
      if (end > start && !text.startsWith("null", start) && matchesKey(text.substring(i + 1, keyEnd - 1))) {
        counts.add("json_key");
        RedactionAction action = rules.keyAction() == RedactionAction.HASH ? RedactionAction.HASH : RedactionAction.MASK;
        out = out == null ? new StringBuilder(n) : out;
        String value = text.charAt(start) == '"' ? text.substring(start + 1, Math.max(start + 1, end - 1)) : text.substring(start, end);
        out.append(text, copied, start).append('"').append(replacement("key", action, TextNode.valueOf(value))).append('"');
        copied = end;
      }
      i = text.indexOf('"', Math.max(end, start));
    }
    return out == null ? text : out.append(text, copied, n).toString();
  }

  /** The index after the closing quote of the JSON string that starts at {@code i}; past the end when it has none. */
  private static int stringEnd(String text, int i) {
    int n = text.length();
    for (int k = i + 1; k < n; k++) {
      char c = text.charAt(k);
      if (c == '\\') {
        k++;
      } else if (c == '"') {
        return k + 1;
      }
    }
    return n + 1;
  }

  /** The end of a number, {@code true} or {@code false} at {@code i} ({@code i} itself where none starts). */
  private static int scalarEnd(String text, int i) {
    int k = i;
    while (k < text.length() && (Character.isLetterOrDigit(text.charAt(k)) || "+-.".indexOf(text.charAt(k)) >= 0)) {
      k++;
    }
    return k;
  }

  private static int skipSpace(String text, int i) {
    int k = i;
    while (k < text.length() && Character.isWhitespace(text.charAt(k))) {
      k++;
    }
    return k;
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
    return redactString(text, false);
  }

  /** {@code again}: a pass over the text's parameters already redacted some (see the class comment). */
  private String redactString(String text, boolean again) {
    return redactValues(redactUrls(text, again));
  }

  /** {@code out} with the value rules applied (the same instance when none matched). */
  private String redactValues(String out) {
    long candidates = prefilter.candidates(out);
    List<RedactionRules.ValueRule> values = rules.values();
    for (int i = 0; candidates != 0 && i < values.size(); i++) {
      if ((candidates & (1L << i)) == 0) {
        continue;
      }
      String replaced;
      try {
        replaced = replaceMatches(out, values.get(i));
      } catch (StackOverflowError e) {
        // Java's matcher recurses once per repetition of a group, and a rule (a user's own) may
        // repeat one without a bound: text that makes it overflow is masked whole, never let out
        // unredacted nor made to fail its request.
        RedactionRules.ValueRule rule = values.get(i);
        counts.add(rule.kind());
        replaced = replacement(rule.kind(), rule.action(), TextNode.valueOf(out));
      }
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
   * string when it starts with {@code /}, {@code ?} or {@code #}, then every URL in it
   * ({@link #URL_START}; in a relative URL, one that is no parameter's value:
   * {@code /x?failed https://…?code=…}).
   */
  private String redactUrls(String text, boolean again) {
    if (text.isEmpty()) {
      return text;
    }
    char first = text.charAt(0);
    if (first == '/' || first == '?' || first == '#') {
      Pass pass = new Pass(again);
      text = redactUrl(text, NESTED_URLS, pass);
      again |= count(pass) > 0;
    }
    boolean scheme = text.indexOf("://") >= 0 || text.indexOf(":\\/\\/") >= 0;
    if (!scheme || (text.indexOf('?') < 0 && text.indexOf('#') < 0)) {
      return text;
    }
    Matcher m = URL_START.matcher(text);
    Pass pass = new Pass(again);
    StringBuilder sb = null;
    int last = 0;
    for (int from = 0; from < text.length() && m.find(from); ) {
      int end = urlEnd(text, m.end());
      from = Math.max(end, m.end());
      if (end == m.end()) {
        continue;
      }
      String url = text.substring(m.start(), end);
      String redacted = redactUrl(url, NESTED_URLS, pass);
      if (redacted != url) {
        if (sb == null) {
          sb = new StringBuilder(text.length() + 32);
        }
        sb.append(text, last, m.start()).append(redacted);
        last = end;
      }
    }
    count(pass);
    return sb == null ? text : sb.append(text, last, text.length()).toString();
  }

  /**
   * One pass over a text's parameters: what it redacted is counted once it is done, so that what
   * is masked in a nested URL that then cannot be encoded back is not.
   */
  private static final class Pass {
    /** Whether values that already read as a query mask or hash are left (see the class comment). */
    final boolean again;
    int redacted;

    Pass(boolean again) {
      this.again = again;
    }
  }

  /** Adds what {@code pass} redacted to the counts; returns how many that was. */
  private int count(Pass pass) {
    for (int i = 0; i < pass.redacted; i++) {
      counts.add("query_param");
    }
    return pass.redacted;
  }

  /**
   * One URL with the listed parameters of its query and of its fragment redacted, and those of the
   * URLs held in its parameters, {@code depth} more URLs down; the same instance when nothing was.
   */
  private String redactUrl(String url, int depth, Pass pass) {
    int hash = url.indexOf('#');
    int queryEnd = hash < 0 ? url.length() : hash;
    int q = indexOf(url, '?', 0, queryEnd);
    if (q < 0 && hash < 0) {
      return url;
    }
    StringBuilder out = new StringBuilder(url.length() + 32);
    boolean changed = false;
    int copied = 0;
    if (q >= 0) {
      out.append(url, 0, q + 1);
      changed |= appendPairs(url, q + 1, queryEnd, false, depth, pass, out);
      copied = queryEnd;
    }
    // Each part of the fragment on its own, as the SDK reads it: #a=1#token=…, #/cb?x=1#code=….
    for (int h = hash; h >= 0; ) {
      int next = url.indexOf('#', h + 1);
      int partEnd = next < 0 ? url.length() : next;
      int fq = indexOf(url, '?', h + 1, partEnd);
      int pairs = fq >= 0 ? fq + 1 : indexOf(url, '=', h + 1, partEnd) >= 0 ? h + 1 : -1;
      if (pairs >= 0) {
        out.append(url, copied, pairs);
        changed |= appendPairs(url, pairs, partEnd, false, depth, pass, out);
        copied = partEnd;
      }
      h = next;
    }
    return changed ? out.append(url, copied, url.length()).toString() : url;
  }

  /** The first {@code c} in {@code s[from, to)}, or -1: a search that never runs past a part (linear time). */
  private static int indexOf(String s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Redacts {@code name=value} pairs separated by {@code &} in {@code text[from, end)}: names on the
   * query list, and for form bodies also names matching the JSON key patterns.
   */
  private String redactPairs(String text, int from, int end, boolean alsoKeyPatterns, Pass pass) {
    StringBuilder out = new StringBuilder(text.length() + 32).append(text, 0, from);
    if (!appendPairs(text, from, end, alsoKeyPatterns, NESTED_URLS, pass, out)) {
      return text;
    }
    return out.append(text, end, text.length()).toString();
  }

  /**
   * Appends the pairs of {@code text[from, end)} to {@code out}, redacted, with the URLs held in
   * their values, {@code depth} more URLs down; removed pairs leave no separator behind. Returns
   * whether anything was redacted.
   */
  private boolean appendPairs(String text, int from, int end, boolean alsoKeyPatterns, int depth, Pass pass,
      StringBuilder out) {
    boolean changed = false;
    boolean firstKept = true;
    int start = from;
    // The separator before the pair at start, as the text has it.
    String separator = "";
    while (start <= end) {
      int stop = separatorAt(text, start, end);
      int eq = start;
      while (eq < stop && text.charAt(eq) != '=') {
        eq++;
      }
      if (eq == stop) {
        eq = -1;
      }
      boolean redact = false;
      String nested = null;
      if (eq >= 0) {
        redact = listed(decodeComponent(text.substring(start, eq)), alsoKeyPatterns)
            && !(pass.again && isMasked(text.substring(eq + 1, stop)));
        if (!redact && depth > 0 && decodingMayChange(text, eq + 1, stop)) {
          nested = redactNested(text.substring(eq + 1, stop), depth - 1, pass);
        }
      }
      if (redact) {
        pass.redacted++;
      }
      changed |= redact || nested != null;
      if (!redact || rules.queryAction() != RedactionAction.REMOVE) {
        if (!firstKept) {
          out.append(separator);
        }
        firstKept = false;
        if (redact) {
          out.append(text, start, eq + 1)
              .append(replacement("query", rules.queryAction(), TextNode.valueOf(text.substring(eq + 1, stop))));
        } else if (nested != null) {
          out.append(text, start, eq + 1).append(nested);
        } else {
          out.append(text, start, stop);
        }
      }
      int length = separatorLength(text, stop, end);
      separator = text.substring(stop, stop + length);
      start = stop + Math.max(length, 1);
    }
    return changed;
  }

  /**
   * Where the pair that starts at {@code from} ends: at the next separator, or {@code end}. Besides
   * {@code &}, text may hold a query as HTML escapes it ({@code &amp;}) or as JSON does (a
   * backslash, then u0026), as the SDK reads it too.
   */
  private static int separatorAt(String text, int from, int end) {
    for (int i = from; i < end; i++) {
      if (separatorLength(text, i, end) > 0) {
        return i;
      }
    }
    return end;
  }

  /** The length of the separator at {@code i} ({@code &}, {@code &amp;} or JSON's escape of it), 0 for none. */
  private static int separatorLength(String text, int i, int end) {
    if (i >= end) {
      return 0;
    }
    if (text.charAt(i) == '&') {
      return text.startsWith("amp;", i + 1) && i + 5 <= end ? 5 : 1;
    }
    return text.startsWith("\\u0026", i) && i + 6 <= end ? 6 : 0;
  }

  private boolean listed(String name, boolean alsoKeyPatterns) {
    return rules.queryNames().contains(name.toLowerCase(Locale.ROOT)) || (alsoKeyPatterns && matchesKey(name));
  }

  /**
   * Whether {@code text[from, to)} holds a {@code ?} or {@code #} (a URL), or what decoding changes
   * (an escape, a {@code +}): most values do not, and are not copied out to be looked into.
   */
  private static boolean decodingMayChange(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '?' || c == '#' || c == '%' || c == '+') {
        return true;
      }
    }
    return false;
  }

  /** Whether a value already reads as what a listed parameter's is masked or hashed to. */
  private static boolean isMasked(String value) {
    return value.equals(QUERY_MASK) || (value.startsWith(QUERY_HASH) && value.endsWith("]"));
  }

  /**
   * A parameter's value with the URL it holds redacted, {@code depth} more URLs down (see the class
   * comment) and the value rules applied to it decoded, or null when nothing in it was redacted or
   * it cannot be. A value encoded twice counts one level for its second decoding.
   */
  private String redactNested(String value, int depth, Pass pass) {
    String decoded = decodeComponent(value);
    Pass inner = new Pass(pass.again);
    boolean url = decoded.indexOf('?') >= 0 || decoded.indexOf('#') >= 0;
    // The URL it holds; then what the escapes hid from the value rules (jane%40example.com).
    String redacted = redactValues(url ? redactUrl(decoded, depth, inner) : decoded);
    if (redacted == decoded) {
      // Nothing, but it may be a URL encoded twice (%252Fcb%253Fcode%253D…): decoded once more, as
      // one more level down.
      if (depth == 0 || decoded.equals(value) || (decoded.indexOf('%') < 0 && decoded.indexOf('+') < 0)) {
        return null;
      }
      redacted = redactNested(decoded, depth - 1, inner);
      if (redacted == null) {
        return null;
      }
    }
    // What was masked already masked again (as the SDK sends it): the bytes as they were.
    String out = redacted.equals(decoded) ? value : decoded.equals(value) ? redacted : encodeComponent(redacted);
    if (out != null) {
      pass.redacted += inner.redacted;
    }
    return out;
  }

  /**
   * {@code s} URL-decoded as the SDK decodes names and values: {@code +} made a space, then each
   * run of escapes as JavaScript's {@code decodeURIComponent} decodes it, leniently: a {@code %}
   * not followed by two ASCII hex digits stays as it is, and of a run that is not UTF-8 (Latin-1's
   * {@code %E9}; overlong forms and surrogates too, which Java's decoder refuses as JavaScript's
   * does) only the ASCII escapes are decoded, so that the rest of the value is still looked into.
   */
  static String decodeComponent(String s) {
    if (s.indexOf('%') < 0) {
      return s.indexOf('+') < 0 ? s : s.replace('+', ' ');
    }
    int n = s.length();
    StringBuilder out = new StringBuilder(n);
    byte[] bytes = new byte[n / 3];
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    for (int i = 0; i < n; ) {
      char c = s.charAt(i);
      if (c != '%' || escapeAt(s, i) < 0) {
        out.append(c == '+' ? ' ' : c);
        i++;
        continue;
      }
      // A run of escapes is decoded as one: a character's UTF-8 bytes must all be escaped, in a row.
      int start = i;
      int k = 0;
      for (int b; i < n && (b = escapeAt(s, i)) >= 0; i += 3) {
        bytes[k++] = (byte) b;
      }
      try {
        out.append(utf8.decode(ByteBuffer.wrap(bytes, 0, k)));
      } catch (CharacterCodingException notUtf8) {
        // Not UTF-8 (Latin-1's %E9): its ASCII escapes decoded, the others left as they are.
        for (int j = 0; j < k; j++) {
          if (bytes[j] >= 0) {
            out.append((char) bytes[j]);
          } else {
            out.append(s, start + 3 * j, start + 3 * j + 3);
          }
        }
      }
    }
    return out.toString();
  }

  /** The byte escaped at {@code s[i]} ({@code %} and two ASCII hex digits), or -1. */
  private static int escapeAt(String s, int i) {
    int hi = s.charAt(i) == '%' && i + 2 < s.length() ? hex(s.charAt(i + 1)) : -1;
    int lo = hi >= 0 ? hex(s.charAt(i + 2)) : -1;
    return lo < 0 ? -1 : hi << 4 | lo;
  }

  /** An ASCII hex digit's value, or -1 (Character.digit takes other scripts' digits too). */
  private static int hex(char c) {
    return c >= '0' && c <= '9' ? c - '0'
        : c >= 'A' && c <= 'F' ? c - 'A' + 10
        : c >= 'a' && c <= 'f' ? c - 'a' + 10
        : -1;
  }

  /**
   * {@code s} encoded as JavaScript's {@code encodeURIComponent} encodes it (as the SDK puts a
   * value back): all but ASCII letters, digits and {@code -_.!~*'()} as the escaped bytes of their
   * UTF-8, in upper-case hex; null for a lone surrogate, where that throws.
   */
  static String encodeComponent(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.!~*'()".indexOf(c) >= 0) {
        out.append(c);
        continue;
      }
      int cp = c;
      if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c) || i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return null;
        }
        cp = Character.toCodePoint(c, s.charAt(++i));
      }
      if (cp < 0x80) {
        escape(out, cp);
      } else if (cp < 0x800) {
        escape(out, 0xC0 | cp >> 6);
        escape(out, 0x80 | (cp & 0x3F));
      } else if (cp < 0x10000) {
        escape(out, 0xE0 | cp >> 12);
        escape(out, 0x80 | (cp >> 6 & 0x3F));
        escape(out, 0x80 | (cp & 0x3F));
      } else {
        escape(out, 0xF0 | cp >> 18);
        escape(out, 0x80 | (cp >> 12 & 0x3F));
        escape(out, 0x80 | (cp >> 6 & 0x3F));
        escape(out, 0x80 | (cp & 0x3F));
      }
    }
    return out.toString();
  }

  private static void escape(StringBuilder out, int b) {
    out.append('%').append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 0xF));
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
