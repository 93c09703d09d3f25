package dev.loupe.storage;

import java.util.Optional;

/** Screenshots, whose id is the seq of their {@code screenshot.capture} event. */
public interface ScreenshotQuery {

  /** A session's screenshots by capture time (then id), offset-paged; {@code total} counts all of them. */
  Page<ScreenshotInfo> bySession(String sessionId, int limit, int offset);

  /** The image, or empty when there is no such screenshot or its bytes are not stored. */
  Optional<ScreenshotImage> image(long screenshotId);
}
