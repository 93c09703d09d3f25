package dev.loupe.ingest;

import dev.loupe.event.Event;
import java.util.List;

/** What a body held: the valid events in request order and the rejected ones by index. */
public record ParsedBatch(List<Event> events, List<Rejection> rejected) {
  public ParsedBatch {
    events = List.copyOf(events);
    rejected = List.copyOf(rejected);
  }
}
