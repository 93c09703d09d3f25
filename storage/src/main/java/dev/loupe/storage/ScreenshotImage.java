package dev.loupe.storage;

/** A screenshot's bytes and format ({@code GET /v1/screenshots/{id}}). */
public record ScreenshotImage(byte[] bytes, String format) {

  /** {@code image/jpeg}, {@code image/png}, {@code image/webp}. */
  public String contentType() {
    return "image/" + format;
  }
}
