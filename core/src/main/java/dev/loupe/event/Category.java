package dev.loupe.event;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The first-class category of an event. Every event type is {@code <category>.<name>}; the
 * category is derived from that prefix when a producer omits it and must agree when given.
 *
 * <p>Categories with a fixed vocabulary list their type names; {@code custom} and {@code system}
 * accept any well-formed name.
 */
public enum Category {
  CONSOLE("log", "info", "warn", "error", "debug"),
  LOG("debug", "info", "warn", "error"),
  ERROR("uncaught", "unhandled_rejection", "resource", "custom"),
  NETWORK("request", "resource"),
  WEBSOCKET("open", "message", "close", "error"),
  PERFORMANCE("lcp", "fcp", "cls", "inp", "ttfb", "navigation", "long_task"),
  ACTION("click", "input", "change", "submit", "scroll", "key"),
  PAGE("view", "navigate", "visibility", "unload"),
  SCREENSHOT("capture"),
  REPLAY("dom"),
  CUSTOM(),
  SESSION("start", "identify", "end"),
  SYSTEM();

  private static final Map<String, Category> BY_WIRE_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Category::wireName, Function.identity()));

  private final String wireName = name().toLowerCase(Locale.ROOT);
  private final List<String> typeNames;

  Category(String... typeNames) {
    this.typeNames = List.of(typeNames);
  }

  /** The name used in JSON and in type prefixes, e.g. {@code console}. */
  public String wireName() {
    return wireName;
  }

  /** Type names of this category without the prefix; empty when any name is accepted. */
  public List<String> typeNames() {
    return typeNames;
  }

  /** Whether {@code name} (the part after the dot) is a type of this category. */
  public boolean acceptsTypeName(String name) {
    return typeNames.isEmpty() || typeNames.contains(name);
  }

  /** The category with this wire name, or null. */
  public static Category fromWireName(String wireName) {
    return BY_WIRE_NAME.get(wireName);
  }

  /** The category named by the prefix of a dotted type, or null when the prefix is unknown. */
  public static Category ofType(String type) {
    int dot = type.indexOf('.');
    return dot <= 0 ? null : BY_WIRE_NAME.get(type.substring(0, dot));
  }
}
