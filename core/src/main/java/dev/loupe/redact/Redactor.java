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
 * whole value redacted; strings that look like URLs ({@code http(s)://}, {@code ws(s)://} or
 * {@code /}, with a {@code ?}) have listed query parameters redacted; then value patterns run over
 * the text. A value rule only runs its regular expression when its cheap prefilter passes (one of
 * its literals occurs, or enough digits), which keeps the common case — nothing secret — fast.
 *
 * <p>Thread-safe; counts are kept per rule.
 */
public final class Redactor {
  private static final String HEADERS_SUFFIX = "headers";
  private static final String BODY_SUFFIX = "body";
  private static final int KEY_CACHE_SIZE = 4096;
  private static final java.util.regex.Pattern FORM =
      java.util.regex.Pattern.compile("[^\\s=&{}\\[\\]\"]+=[^\\s&]*(&[^\\s=&]+=[^\\s&]*)*");

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

  /** Redacts query parameters (for URL-like text) and value patterns in a string. */
  public String redactString(String text) {
    String out = looksLikeUrlWithQuery(text) ? redactQuery(text) : text;
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
      if (m.end() == m.start() || (rule.luhn() && !Luhn.valid(m.group()))) {
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(text.length());
      }
      sb.append(text, last, m.start()).append(replacement(rule.kind(), rule.action(), TextNode.valueOf(m.group())));
      last = m.end();
      counts.add(rule.kind());
    }
    if (sb == null) {
      return text;
    }
    return sb.append(text, last, text.length()).toString();
  }

  private static boolean looksLikeUrlWithQuery(String s) {
    return s.indexOf('?') > 0 && (s.startsWith("http://") || s.startsWith("https://") || s.startsWith("ws://")
        || s.startsWith("wss://") || s.startsWith("/"));
  }

  private String redactQuery(String url) {
    int q = url.indexOf('?');
    int hash = url.indexOf('#', q);
    return redactPairs(url, q + 1, hash < 0 ? url.length() : hash, false);
  }

  /**
   * Redacts {@code name=value} pairs separated by {@code &} in {@code text[from, end)}: names on the
   * query list, and for form bodies also names matching the JSON key patterns.
   */
  private String redactPairs(String text, int from, int end, boolean alsoKeyPatterns) {
    String url = text;
    int q = from - 1;
    StringBuilder out = new StringBuilder(url.length()).append(url, 0, q + 1);
    boolean changed = false;
    int start = q + 1;
    while (start <= end) {
      int amp = url.indexOf('&', start);
      int stop = amp < 0 || amp > end ? end : amp;
      String pair = url.substring(start, stop);
      int eq = pair.indexOf('=');
      String name = decodeName(eq < 0 ? pair : pair.substring(0, eq));
      if (eq >= 0 && (rules.queryNames().contains(name.toLowerCase(Locale.ROOT))
          || (alsoKeyPatterns && matchesKey(name)))) {
        counts.add("query_param");
        changed = true;
        if (rules.queryAction() != RedactionAction.REMOVE) {
          out.append(pair, 0, eq + 1)
              .append(replacement("query", rules.queryAction(), TextNode.valueOf(pair.substring(eq + 1))));
          appendSeparator(out, stop, end);
        }
      } else {
        out.append(pair);
        appendSeparator(out, stop, end);
      }
      start = stop + 1;
    }
    if (!changed) {
      return url;
    }
    if (out.charAt(out.length() - 1) == '&') {
      out.setLength(out.length() - 1);
    }
    return out.append(url, end, url.length()).toString();
  }

  private static void appendSeparator(StringBuilder out, int stop, int end) {
    if (stop < end) {
      out.append('&');
    }
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
