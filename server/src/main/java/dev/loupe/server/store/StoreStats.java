package dev.loupe.server.store;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.loupe.server.ops.StatsRoute;
import java.io.IOException;
import java.util.Locale;

/** The {@code store} section of {@code /v1/stats}: backend, checkpoint, lag, state, last error. */
public final class StoreStats implements StatsRoute.Section {
  private final StoreService store;

  public StoreStats(StoreService store) {
    this.store = store;
  }

  @Override
  public void write(JsonGenerator g) throws IOException {
    var writer = store.writer();
    g.writeObjectFieldStart("store");
    g.writeStringField("backend", store.storage().kind().wireName());
    g.writeNumberField("checkpoint", writer.checkpoint());
    g.writeNumberField("lag", writer.lag());
    g.writeStringField("state", writer.state().name().toLowerCase(Locale.ROOT));
    g.writeNumberField("written_since_start", writer.written());
    g.writeNumberField("write_failures", writer.failures());
    Throwable error = writer.lastError();
    if (error == null) {
      g.writeNullField("last_error");
    } else {
      g.writeStringField("last_error", String.valueOf(error.getMessage()));
    }
    g.writeEndObject();
  }
}
