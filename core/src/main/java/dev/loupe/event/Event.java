package dev.loupe.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Producer-emitted content: what happened, when, where and who saw it. Pipeline metadata (seq,
 * receive time, project) lives on the {@link Envelope}, never here.
 *
 * @param ts when it happened, microseconds since the epoch
 * @param type semantic dotted type such as {@code console.error}
 * @param category first-class category; always equal to the type's prefix
 * @param detailLevel how much detail the event carries
 * @param sessionId the browsing session, may be null
 * @param url the page the event happened on, may be null
 * @param source provenance
 * @param data type-specific payload; null only when the record was too large and dropped it
 * @param truncated whether any part of the event was cut to fit a limit
 */
public record Event(
    long ts,
    String type,
    Category category,
    DetailLevel detailLevel,
    String sessionId,
    String url,
    Source source,
    ObjectNode data,
    boolean truncated) {

  public Event {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(detailLevel, "detailLevel");
    Objects.requireNonNull(source, "source");
  }

  /** The type name after the category prefix, e.g. {@code error} for {@code console.error}. */
  public String typeName() {
    return type.substring(type.indexOf('.') + 1);
  }

  public Event withData(ObjectNode newData, boolean nowTruncated) {
    return new Event(ts, type, category, detailLevel, sessionId, url, source, newData, truncated || nowTruncated);
  }

  public Event withUrl(String newUrl) {
    return new Event(ts, type, category, detailLevel, sessionId, newUrl, source, data, truncated);
  }

  public Event withSessionId(String newSessionId) {
    return new Event(ts, type, category, detailLevel, newSessionId, url, source, data, truncated);
  }

  public Event markTruncated() {
    return truncated ? this : new Event(ts, type, category, detailLevel, sessionId, url, source, data, true);
  }
}
