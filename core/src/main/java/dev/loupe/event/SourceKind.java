package dev.loupe.event;

import java.util.Locale;

/**
 * What kind of producer emitted an event: the in-page SDK, a browser extension, a DevTools
 * protocol client, Loupe itself, an OpenTelemetry client, or a helper process beside the browser.
 */
public enum SourceKind {
  PAGE, EXTENSION, CDP, SERVER, OTLP, PROCESS;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wireName;
  }

  /** The kind with this wire name, or null. */
  public static SourceKind fromWireName(String name) {
    for (SourceKind kind : values()) {
      if (kind.wireName.equals(name)) {
        return kind;
      }
    }
    return null;
  }
}
