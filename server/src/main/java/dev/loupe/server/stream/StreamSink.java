package dev.loupe.server.stream;

import dev.loupe.event.Envelope;
import dev.loupe.pipeline.Gap;
import java.io.IOException;

/** Where a subscription writes: an SSE response or a WebSocket. Writes may block; that is fine. */
interface StreamSink {
  void event(Envelope envelope) throws IOException;

  void gap(Gap gap) throws IOException;

  void keepAlive() throws IOException;

  /** Pushes what was written to the client (called when no more events are immediately ready). */
  void flush() throws IOException;
}
