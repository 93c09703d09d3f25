package dev.loupe.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.event.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Parses response bodies in tests. */
public final class Json {
  private Json() {}

  public static JsonNode parse(String body) {
    try {
      return EventJson.mapper().readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + body, e);
    }
  }
}
