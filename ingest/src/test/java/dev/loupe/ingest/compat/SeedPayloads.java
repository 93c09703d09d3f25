package dev.loupe.ingest.compat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The example payloads of the seed documents, as written there (files under {@code /seeds/},
 * shared with the server's tests through this module's test-jar). Where a seed example is not
 * valid JSON (an ellipsis, a placeholder such as {@code {object}}, or alternatives written as
 * {@code "info" | "warn"}), the smallest change that makes it JSON was made: {object} became
 * {"object": true}, the trailing "..." element of a list was removed, "info" | "warn" | "error"
 * became "info"; seed 000's separately documented body fields were added as a seventh entry.
 */
public final class SeedPayloads {
  public static final String SYNC = load("sync.json");
  public static final String SESSION = load("session.json");
  public static final String TRACK = load("track.json");
  public static final String SCREENSHOT = load("screenshot.json");
  public static final String TELEMETRY_BATCH = load("telemetry-batch.json");
  public static final String TELEMETRY_LEGACY = load("telemetry-legacy.json");

  private SeedPayloads() {}

  public static String load(String name) {
    try (InputStream in = SeedPayloads.class.getResourceAsStream("/seeds/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing seed payload " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
