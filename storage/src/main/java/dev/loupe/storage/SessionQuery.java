package dev.loupe.storage;

import java.util.Optional;

/** Sessions aggregated from their events (see {@link SessionAggregate} for the rules). */
public interface SessionQuery {

  Optional<Session> get(String sessionId);

  /**
   * One page of sessions. With {@link SessionFilter#cursor()} the page continues a previous one
   * (keyset paging: stable for sessions whose sort key did not change); with
   * {@link SessionFilter#offset()} it is offset paging (the seed-002 routes). {@code total} counts
   * every session matching the filters.
   *
   * @throws IllegalArgumentException for a cursor that is malformed or made for another sort
   */
  Page<Session> list(SessionFilter filter);
}
