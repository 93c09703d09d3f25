package dev.loupe.storage.memory;

import dev.loupe.event.Envelope;
import dev.loupe.storage.Page;
import dev.loupe.storage.Session;
import dev.loupe.storage.SessionAggregate;
import dev.loupe.storage.SessionCursor;
import dev.loupe.storage.SessionFilter;
import dev.loupe.storage.SessionQuery;
import dev.loupe.storage.SessionSort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions folded in memory, at most {@code maxSessions}: the map is ordered by last write, and the
 * session written longest ago is dropped when a new one does not fit.
 */
final class MemorySessions implements SessionQuery {
  private final LinkedHashMap<String, SessionAggregate> sessions;

  MemorySessions(int maxSessions) {
    this.sessions = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, SessionAggregate> eldest) {
        return size() > maxSessions;
      }
    };
  }

  synchronized void add(Envelope e) {
    sessions.computeIfAbsent(e.head().sessionId(), SessionAggregate::empty).add(e);
  }

  /** Forgets sessions whose last activity is before the cutoff; returns how many. */
  synchronized long removeInactiveBefore(long cutoffMicros) {
    int before = sessions.size();
    sessions.values().removeIf(a -> a.toSession().lastActivityAt() < cutoffMicros);
    return before - sessions.size();
  }

  synchronized void clear() {
    sessions.clear();
  }

  @Override
  public synchronized Optional<Session> get(String sessionId) {
    SessionAggregate a = sessions.get(sessionId);
    return a == null ? Optional.empty() : Optional.of(a.toSession());
  }

  @Override
  public Page<Session> list(SessionFilter f) {
    SessionCursor cursor = f.decodedCursor();
    List<Session> all = new ArrayList<>();
    synchronized (this) {
      for (SessionAggregate a : sessions.values()) {
        Session s = a.toSession();
        if (matches(f, s)) {
          all.add(s);
        }
      }
    }
    all.sort(order(f.sort()));
    long total = all.size();
    List<Session> rest = new ArrayList<>();
    for (Session s : all) {
      if (cursor == null || cursor.precedes(s)) {
        rest.add(s);
      }
    }
    int from = Math.min(f.offset(), rest.size());
    int to = Math.min(from + f.limit(), rest.size());
    List<Session> page = rest.subList(from, to);
    String next = null;
    if (f.offset() == 0 && to < rest.size() && !page.isEmpty()) {
      Session last = page.get(page.size() - 1);
      next = new SessionCursor(f.sort(), f.sort().keyOf(last), last.sessionId()).encode();
    }
    return new Page<>(page, total, next);
  }

  private static boolean matches(SessionFilter f, Session s) {
    return (f.from() == null || s.startedAt() >= f.from())
        && (f.to() == null || s.startedAt() < f.to())
        && (f.userId() == null || f.userId().equals(s.userId()))
        && (f.urlContains() == null || s.pageUrl() != null && s.pageUrl().contains(f.urlContains()))
        && (f.hasErrors() == null || f.hasErrors() == s.hasErrors());
  }

  private static Comparator<Session> order(SessionSort sort) {
    Comparator<Session> c = Comparator.<Session>comparingLong(sort::keyOf).thenComparing(Session::sessionId);
    return sort.descending() ? c.reversed() : c;
  }
}
