package dev.loupe.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Provenance of an event: the producer's kind, its name and version (e.g. {@code loupe-sdk/0.1.0}),
 * the producer's native event name (e.g. {@code Runtime.consoleAPICalled}) and producer-specific
 * context such as a tab or frame id.
 *
 * @param kind required
 * @param name producer name, may be null
 * @param event native event name, may be null
 * @param metadata producer-specific object, may be null
 */
public record Source(SourceKind kind, String name, String event, ObjectNode metadata) {
  public Source {
    Objects.requireNonNull(kind, "kind");
  }

  public static Source of(SourceKind kind, String name) {
    return new Source(kind, name, null, null);
  }

  public static Source of(SourceKind kind, String name, String event) {
    return new Source(kind, name, event, null);
  }
}
