package dev.loupe.storage.memory;

import dev.loupe.event.Envelope;
import dev.loupe.event.Event;
import dev.loupe.event.EventHead;
import dev.loupe.storage.EventFilter;
import java.util.Locale;
import java.util.function.Predicate;

/** An {@link EventFilter} as a predicate, for backends that scan (the SQL backends translate it). */
final class EventMatcher implements Predicate<Envelope> {
  private final EventFilter filter;
  private final String q;
  private final long afterSeq;

  EventMatcher(EventFilter filter, boolean withCursor) {
    this.filter = filter;
    this.q = filter.qLower();
    this.afterSeq = withCursor ? filter.afterSeqOrCursor() : (filter.afterSeq() == null ? 0 : filter.afterSeq());
  }

  @Override
  public boolean test(Envelope envelope) {
    EventHead e = envelope.head();
    if (envelope.seq() <= afterSeq) {
      return false;
    }
    if (filter.sessionId() != null && !filter.sessionId().equals(e.sessionId())) {
      return false;
    }
    if (!filter.categories().isEmpty() && !filter.categories().contains(e.category())) {
      return false;
    }
    if (!filter.types().isEmpty() && filter.types().stream().noneMatch(g -> g.matches(e.type()))) {
      return false;
    }
    if (filter.from() != null && e.ts() < filter.from()) {
      return false;
    }
    if (filter.to() != null && e.ts() >= filter.to()) {
      return false;
    }
    return q == null || containsQ(envelope.event());
  }

  private boolean containsQ(Event e) {
    return e.type().contains(q)
        || e.url() != null && e.url().toLowerCase(Locale.ROOT).contains(q)
        || e.data() != null && e.data().toString().toLowerCase(Locale.ROOT).contains(q);
  }
}
