package dev.loupe.storage;

import dev.loupe.event.Envelope;

/** Stored events, returned as envelopes in ascending seq order. */
public interface EventQuery {

  /**
   * One page of events matching the filter, ascending by seq. {@code total} counts every event
   * matching the filters (including {@code afterSeq}, not the cursor); {@code nextCursor} is the last
   * seq of the page (decimal) when more events follow, else null.
   */
  Page<Envelope> list(EventFilter filter);
}
