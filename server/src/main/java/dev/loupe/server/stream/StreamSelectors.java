package dev.loupe.server.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.event.Category;
import dev.loupe.event.DetailLevel;
import dev.loupe.event.Envelope;
import dev.loupe.event.EventHead;
import dev.loupe.event.SourceKind;
import dev.loupe.server.http.ApiError;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which events a subscriber wants: categories, type globs ({@code network.*}), source kinds,
 * detail levels and session ids. Within one selector any value matches (OR); across selectors all
 * must match (AND); an absent selector matches everything.
 */
public record StreamSelectors(Set<Category> categories, List<Pattern> types, Set<SourceKind> sourceKinds,
    Set<DetailLevel> detailLevels, Set<String> sessionIds) {
  private static final Pattern GLOB = Pattern.compile("[a-z0-9_.*?]{1,100}");

  public static final StreamSelectors ALL = new StreamSelectors(Set.of(), List.of(), Set.of(), Set.of(), Set.of());

  public boolean matches(Envelope envelope) {
    EventHead e = envelope.head();
    if (!categories.isEmpty() && !categories.contains(e.category())) {
      return false;
    }
    if (!sourceKinds.isEmpty() && !sourceKinds.contains(e.sourceKind())) {
      return false;
    }
    if (!detailLevels.isEmpty() && !detailLevels.contains(e.detailLevel())) {
      return false;
    }
    if (!sessionIds.isEmpty() && (e.sessionId() == null || !sessionIds.contains(e.sessionId()))) {
      return false;
    }
    if (!types.isEmpty()) {
      for (Pattern p : types) {
        if (p.matcher(e.type()).matches()) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  /** From query parameters; each may repeat and may hold comma-separated values. */
  public static StreamSelectors fromQuery(Map<String, List<String>> params) {
    return build(values(params.get("category")), values(params.get("type")), values(params.get("source_kind")),
        values(params.get("detail_level")), values(params.get("session_id")));
  }

  /** From a WebSocket subscribe message's {@code selectors} object (arrays or single strings). */
  public static StreamSelectors fromJson(JsonNode selectors) {
    if (selectors == null || selectors.isNull()) {
      return ALL;
    }
    if (!selectors.isObject()) {
      throw ApiError.badParameter("selectors", "must be an object such as {\"category\": [\"console\"]}");
    }
    return build(values(selectors.get("category")), values(selectors.get("type")),
        values(selectors.get("source_kind")), values(selectors.get("detail_level")),
        values(selectors.get("session_id")));
  }

  private static StreamSelectors build(List<String> category, List<String> type, List<String> sourceKind,
      List<String> detailLevel, List<String> sessionId) {
    Set<Category> categories = EnumSet.noneOf(Category.class);
    for (String c : category) {
      Category parsed = Category.fromWireName(c);
      if (parsed == null) {
        throw ApiError.badParameter("category", "'" + c + "' is not a category");
      }
      categories.add(parsed);
    }
    List<Pattern> types = new ArrayList<>();
    for (String t : type) {
      if (!GLOB.matcher(t).matches()) {
        throw ApiError.badParameter("type", "must be a type or glob such as network.* (a-z, 0-9, '_', '.', '*', '?')");
      }
      types.add(Pattern.compile(t.replace(".", "\\.").replace("*", ".*").replace("?", ".")));
    }
    Set<SourceKind> kinds = EnumSet.noneOf(SourceKind.class);
    for (String k : sourceKind) {
      SourceKind parsed = SourceKind.fromWireName(k);
      if (parsed == null) {
        throw ApiError.badParameter("source_kind", "must be page, extension, cdp, server, otlp or process");
      }
      kinds.add(parsed);
    }
    Set<DetailLevel> levels = EnumSet.noneOf(DetailLevel.class);
    for (String l : detailLevel) {
      DetailLevel parsed = DetailLevel.fromWireName(l);
      if (parsed == null) {
        throw ApiError.badParameter("detail_level", "must be minimal, standard, verbose or raw");
      }
      levels.add(parsed);
    }
    return new StreamSelectors(categories, List.copyOf(types), kinds, levels, new HashSet<>(sessionId));
  }

  private static List<String> values(List<String> raw) {
    List<String> out = new ArrayList<>();
    if (raw != null) {
      for (String r : raw) {
        for (String v : r.split(",")) {
          if (!v.isBlank()) {
            out.add(v.trim());
          }
        }
      }
    }
    return out;
  }

  private static List<String> values(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isTextual()) {
      return values(List.of(node.asText()));
    }
    if (!node.isArray()) {
      throw ApiError.badParameter("selectors", "each selector must be a string or an array of strings");
    }
    for (JsonNode v : node) {
      if (!v.isTextual()) {
        throw ApiError.badParameter("selectors", "each selector value must be a string");
      }
      out.add(v.asText());
    }
    return out;
  }
}
