package dev.loupe.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.event.Envelope;
import dev.loupe.event.Event;

/**
 * A screenshot's metadata ({@code GET /v1/sessions/{id}/screenshots}).
 *
 * @param screenshotId the seq of its {@code screenshot.capture} event
 * @param ts capture time, µs
 * @param pageUrl {@code data.page_url}, else the event's url
 * @param format {@code jpeg}, {@code png} or {@code webp}
 * @param size bytes of the image
 */
public record ScreenshotInfo(long screenshotId, String sessionId, long ts, String pageUrl, String format,
    Integer width, Integer height, long size) {

  /** The metadata of a {@code screenshot.capture} envelope (its bytes, when known, give the size). */
  public static ScreenshotInfo from(Envelope e, byte[] bytes) {
    Event event = e.event();
    ObjectNode d = event.data();
    String pageUrl = text(d, "page_url");
    String format = text(d, "format");
    JsonNode size = d == null ? null : d.get("size");
    return new ScreenshotInfo(e.seq(), event.sessionId(), event.ts(), pageUrl != null ? pageUrl : event.url(),
        format != null ? format : "png", integer(d, "width"), integer(d, "height"),
        bytes != null ? bytes.length : size != null && size.canConvertToLong() ? size.longValue() : 0);
  }

  /** The SHA-256 of the image bytes named by the event (where the blob store keeps them), or null. */
  public static String sha256(Envelope e) {
    return text(e.event().data(), "sha256");
  }

  private static String text(ObjectNode d, String field) {
    JsonNode n = d == null ? null : d.get(field);
    return n != null && n.isTextual() ? n.textValue() : null;
  }

  private static Integer integer(ObjectNode d, String field) {
    JsonNode n = d == null ? null : d.get(field);
    return n != null && n.isNumber() && n.canConvertToInt() ? n.intValue() : null;
  }
}
