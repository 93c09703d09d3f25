package dev.loupe.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The schema's rules, applied to every event whatever format it arrived in. Each check names the
 * field and the rule so the refusal can be fixed by whoever reads it.
 */
public final class EventRules {
  /** Earliest accepted timestamp: 2000-01-01T00:00:00Z in microseconds. */
  public static final long MIN_TS = 946_684_800_000_000L;
  /** Latest accepted timestamp: 2100-01-01T00:00:00Z in microseconds. */
  public static final long MAX_TS = 4_102_444_800_000_000L;
  public static final int MAX_TYPE_LENGTH = 100;
  public static final int MAX_SESSION_ID_LENGTH = 128;
  public static final int MAX_SOURCE_TEXT_LENGTH = 256;

  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+");
  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._:-]+");
  private static final String CATEGORY_NAMES =
      Arrays.stream(Category.values()).map(Category::wireName).collect(Collectors.joining(", "));

  private EventRules() {}

  /** Checks a timestamp in microseconds and explains the likely unit mistake when it is out of range. */
  public static void checkTs(long ts) {
    if (ts >= MIN_TS && ts < MAX_TS) {
      return;
    }
    String hint;
    if (ts >= MIN_TS / 1000 && ts < MAX_TS / 1000) {
      hint = " (this value looks like milliseconds; multiply by 1000)";
    } else if (ts >= MIN_TS / 1_000_000 && ts < MAX_TS / 1_000_000) {
      hint = " (this value looks like seconds; multiply by 1000000)";
    } else if (ts >= MIN_TS * 1000 && ts < MAX_TS * 1000) {
      hint = " (this value looks like nanoseconds; divide by 1000)";
    } else {
      hint = "";
    }
    throw new InvalidEventException("ts", "must be integer microseconds since the epoch between 2000 and 2100" + hint);
  }

  /** The category of a type, after checking the type's form and vocabulary. */
  public static Category categoryOf(String type) {
    if (type == null || type.isEmpty()) {
      throw new InvalidEventException("type", "is required, a dotted name such as console.error");
    }
    if (type.length() > MAX_TYPE_LENGTH) {
      throw new InvalidEventException("type", "must be at most " + MAX_TYPE_LENGTH + " characters");
    }
    if (!TYPE.matcher(type).matches()) {
      throw new InvalidEventException("type",
          "must be a dotted lowercase name such as console.error (letters, digits, '_'), got '" + type + "'");
    }
    Category category = Category.ofType(type);
    if (category == null) {
      throw new InvalidEventException("type", "prefix of '" + type + "' is not a category (" + CATEGORY_NAMES + ")");
    }
    String name = type.substring(category.wireName().length() + 1);
    if (!category.typeNames().isEmpty() && !category.acceptsTypeName(name)) {
      throw new InvalidEventException("type", "'" + type + "' is not a " + category.wireName() + " type (one of "
          + String.join(", ", category.typeNames()) + ")");
    }
    return category;
  }

  /** Checks that a category given alongside a type agrees with the type's prefix. */
  public static void checkCategory(String given, Category derived) {
    if (given == null) {
      return;
    }
    Category category = Category.fromWireName(given);
    if (category == null) {
      throw new InvalidEventException("category", "'" + given + "' is not a category (" + CATEGORY_NAMES + ")");
    }
    if (category != derived) {
      throw new InvalidEventException("category",
          "'" + given + "' disagrees with the type, whose prefix is '" + derived.wireName() + "'");
    }
  }

  public static DetailLevel detailLevel(String given) {
    if (given == null) {
      return DetailLevel.STANDARD;
    }
    DetailLevel level = DetailLevel.fromWireName(given);
    if (level == null) {
      throw new InvalidEventException("detail_level", "must be one of minimal, standard, verbose, raw");
    }
    return level;
  }

  public static void checkSessionId(String sessionId) {
    if (sessionId == null) {
      return;
    }
    if (sessionId.isEmpty() || sessionId.length() > MAX_SESSION_ID_LENGTH || !SESSION_ID.matcher(sessionId).matches()) {
      throw new InvalidEventException("session_id",
          "must be 1-" + MAX_SESSION_ID_LENGTH + " characters of letters, digits, '.', '_', ':' or '-'");
    }
  }

  public static SourceKind sourceKind(String given) {
    if (given == null) {
      throw new InvalidEventException("source.kind", "is required (page, extension, cdp, server, otlp, process)");
    }
    SourceKind kind = SourceKind.fromWireName(given);
    if (kind == null) {
      throw new InvalidEventException("source.kind", "must be one of page, extension, cdp, server, otlp, process");
    }
    return kind;
  }

  public static void checkSourceText(String field, String value) {
    if (value != null && value.length() > MAX_SOURCE_TEXT_LENGTH) {
      throw new InvalidEventException(field, "must be at most " + MAX_SOURCE_TEXT_LENGTH + " characters");
    }
  }

  /**
   * Builds an event after checking every rule; the type decides the category.
   *
   * @param category the category the producer gave, or null to derive it
   * @param detailLevel the level the producer gave, or null for standard
   */
  public static Event event(long ts, String type, String category, String detailLevel, String sessionId,
      String url, Source source, ObjectNode data, boolean truncated) {
    checkTs(ts);
    Category derived = categoryOf(type);
    checkCategory(category, derived);
    DetailLevel level = detailLevel(detailLevel);
    checkSessionId(sessionId);
    return new Event(ts, type, derived, level, sessionId, url, source,
        data == null ? EventJson.nodes().objectNode() : data, truncated);
  }
}
