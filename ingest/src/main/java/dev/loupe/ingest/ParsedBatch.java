package dev.loupe.ingest;

import dev.loupe.event.Event;
import java.util.List;

/**
 * What a body held: the valid events in request order, the rejected ones by index, and the batch
 * id the client gave the body (null when none), by which a repeated body is recognised.
 */
public record ParsedBatch(List<Event> events, List<Rejection> rejected, String batch) {
  public ParsedBatch {
    events = List.copyOf(events);
    rejected = List.copyOf(rejected);
  }

  public ParsedBatch(List<Event> events, List<Rejection> rejected) {
    this(events, rejected, null);
  }
}
