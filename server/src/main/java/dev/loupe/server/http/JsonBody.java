package dev.loupe.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.loupe.event.EventJson;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes JSON responses with a streaming generator (no reflection over captured data: values are
 * written field by field, so nothing captured can pick a serializer).
 */
public final class JsonBody {
  /** Writes fields into a generator. */
  @FunctionalInterface
  public interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  private JsonBody() {}

  public static byte[] bytes(Writer writer) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(256); JsonGenerator g = EventJson.factory().createGenerator(out)) {
      writer.write(g);
      g.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets the status and a JSON body. */
  public static void send(Context ctx, int status, Writer writer) {
    ctx.status(status).contentType("application/json").result(bytes(writer));
  }
}
