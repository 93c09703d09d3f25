package dev.loupe.storage;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The keyset position of a session page: the sort it was made for, and the sort key and id of the
 * last session returned. Opaque to clients (base64url of {@code sort|key|id}); the next page starts
 * strictly after that (key, id) pair in the sort's direction, so sessions whose key did not change
 * are neither repeated nor skipped however the table changes in between.
 */
public record SessionCursor(SessionSort sort, long key, String sessionId) {

  public String encode() {
    String raw = sort.wireName() + "|" + key + "|" + sessionId;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws IllegalArgumentException when the cursor is malformed or was made for another sort
   */
  public static SessionCursor decode(String cursor, SessionSort expected) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int a = raw.indexOf('|');
      int b = raw.indexOf('|', a + 1);
      if (a < 0 || b < 0) {
        throw new IllegalArgumentException("cursor is malformed");
      }
      SessionSort sort = SessionSort.fromWireName(raw.substring(0, a));
      if (sort != expected) {
        throw new IllegalArgumentException("cursor was made for sort " + sort.wireName() + ", not " + expected.wireName());
      }
      return new SessionCursor(sort, Long.parseLong(raw.substring(a + 1, b)), raw.substring(b + 1));
    } catch (IllegalArgumentException e) {
      throw e.getMessage() != null && e.getMessage().startsWith("cursor") ? e
          : new IllegalArgumentException("cursor is malformed", e);
    }
  }

  /** Whether {@code s} comes strictly after this position in the sort order. */
  public boolean precedes(Session s) {
    long k = sort.keyOf(s);
    int c = k != key ? Long.compare(k, key) : s.sessionId().compareTo(sessionId);
    return sort.descending() ? c < 0 : c > 0;
  }
}
