package dev.loupe.event;

/**
 * The scalar fields of an event — what stores index and selectors match — without its
 * {@code source} and {@code data} trees. Consumers that read many events but look inside few
 * (the store writer, live-stream selectors) use it to avoid building a tree per event.
 *
 * @param sourceKind the kind of the event's source (the first field of {@code source})
 * @param dataIsNull whether the record lost its data to the record limit
 */
public record EventHead(long ts, String type, Category category, DetailLevel detailLevel, String sessionId,
    String url, SourceKind sourceKind, boolean truncated, boolean dataIsNull) {

  static EventHead of(Event e) {
    return new EventHead(e.ts(), e.type(), e.category(), e.detailLevel(), e.sessionId(), e.url(),
        e.source().kind(), e.truncated(), e.data() == null);
  }
}
