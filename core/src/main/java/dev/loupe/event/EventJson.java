package dev.loupe.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The one Jackson configuration for captured data. Captured payloads are hostile, so the parser
 * is bounded: nesting depth, string and number lengths are capped well below what could exhaust
 * memory or stack, and duplicate keys are refused rather than silently resolved.
 */
public final class EventJson {
  /** Deepest nesting accepted anywhere in an event (JSON bodies can be deep, stacks cannot). */
  public static final int MAX_NESTING_DEPTH = 128;
  /** Longest single string; the request body limit bounds it in practice. */
  public static final int MAX_STRING_LENGTH = 16 * 1024 * 1024;

  private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
      .maxNestingDepth(MAX_NESTING_DEPTH)
      .maxStringLength(MAX_STRING_LENGTH)
      .maxNumberLength(100)
      .maxNameLength(4096)
      .build();

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(LIMITS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private static final JsonMapper MAPPER = JsonMapper.builder(FACTORY)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /**
   * For JSON Loupe wrote itself (log lines, stored events): it cannot hold a duplicate key, and
   * checking for them was a third of the log reader's time. (The mapper gives its parsers a codec
   * for reading trees.)
   */
  private static final JsonMapper OWN_JSON_MAPPER = JsonMapper.builder(
          JsonFactory.builder().streamReadConstraints(LIMITS).build())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private EventJson() {}

  /** Thread-safe factory for streaming parsers and generators. */
  public static JsonFactory factory() {
    return FACTORY;
  }

  /** Thread-safe factory for parsing JSON that Loupe itself encoded (no duplicate-key check). */
  public static JsonFactory ownJsonFactory() {
    return OWN_JSON_MAPPER.getFactory();
  }

  /** Thread-safe mapper for trees; never used to bind captured data to classes. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static JsonNodeFactory nodes() {
    return JsonNodeFactory.instance;
  }
}
