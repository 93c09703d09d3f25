package dev.loupe.ingest.compat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.event.EventJson;
import dev.loupe.event.Event;
import dev.loupe.event.EventRules;
import dev.loupe.event.InvalidEventException;
import dev.loupe.event.Source;
import dev.loupe.event.SourceKind;
import dev.loupe.ingest.IngestRefusal;
import java.util.regex.Pattern;

/**
 * Seed 002's {@code POST /api/v1/track/screenshot}: {@code {session_id, page_url, timestamp,
 * image_data, width, height}}. The image is checked and decoded here; the caller stores its bytes
 * in the blob store and sequences the {@code screenshot.capture} event made by {@link #event}.
 */
public record ScreenshotUpload(String sessionId, String pageUrl, long ts, ScreenshotImage image) {
  private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  public static ScreenshotUpload parse(byte[] body, long now) {
    ObjectNode root = CompatJson.object(body);
    String sessionId = CompatJson.text(root.get("session_id"));
    if (sessionId == null || !SESSION.matcher(sessionId).matches()) {
      throw new IngestRefusal(IngestRefusal.Kind.INVALID, "session_id", "is required (the session's id)");
    }
    long ts;
    try {
      ts = CompatJson.micros(root.get("timestamp"), "timestamp", now);
    } catch (InvalidEventException e) {
      throw new IngestRefusal(IngestRefusal.Kind.INVALID, e.violation().field(), e.violation().rule());
    }
    ScreenshotImage image = ScreenshotImage.fromDataUrl(CompatJson.text(root.get("image_data")), "image_data",
        root.path("width").asInt(0), root.path("height").asInt(0));
    return new ScreenshotUpload(sessionId, CompatJson.text(root.get("page_url")), ts, image);
  }

  /** The {@code screenshot.capture} event for this upload, whose bytes are stored under {@code sha256}. */
  public Event event(String sha256) {
    ObjectNode data = EventJson.nodes().objectNode()
        .put("format", image.format())
        .put("width", image.width())
        .put("height", image.height())
        .put("size", image.bytes().length)
        .put("sha256", sha256);
    if (pageUrl != null) {
      data.put("page_url", pageUrl);
    }
    try {
      return EventRules.event(ts, "screenshot.capture", null, null, sessionId, pageUrl,
          Source.of(SourceKind.PAGE, TrackFormat.SOURCE_NAME, "POST /api/v1/track/screenshot"), data, false);
    } catch (InvalidEventException e) {
      throw new IngestRefusal(IngestRefusal.Kind.INVALID, e.violation().field(), e.violation().rule());
    }
  }
}
