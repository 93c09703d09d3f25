package dev.loupe.event;

/**
 * The scalar fields of an event — what stores index and selectors match — without its
 * {@code source} and {@code data} trees. Consumers that read many events but look inside few
 * (the store writer) use it to avoid building a tree per event.
 *
 * @param dataIsNull whether the record lost its data to the record limit
 */
public record EventHead(long ts, String type, Category category, DetailLevel detailLevel, String sessionId,
    String url, boolean truncated, boolean dataIsNull) {

  static EventHead of(Event e) {
    return new EventHead(e.ts(), e.type(), e.category(), e.detailLevel(), e.sessionId(), e.url(), e.truncated(),
        e.data() == null);
  }
}
