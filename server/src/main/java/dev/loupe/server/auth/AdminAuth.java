package dev.loupe.server.auth;

import dev.loupe.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may read: the admin key, dashboard session tokens obtained with it (or with the login token
 * printed at start-up), and short-lived stream tokens for {@code EventSource}, which cannot send
 * headers. Issued tokens live in memory only (a restart signs everyone out); they are stored by
 * their SHA-256, so the table holds no usable secrets.
 */
public final class AdminAuth {
  public static final Duration SESSION_TTL = Duration.ofHours(12);
  public static final Duration STREAM_TOKEN_TTL = Duration.ofMinutes(10);

  private enum Kind { SESSION, STREAM }

  private record Issued(Kind kind, long expiresAtMicros) {}

  private final byte[] adminKeyHash;
  private final String loginToken;
  private final Clock clock;
  private final Map<String, Issued> issued = new ConcurrentHashMap<>();

  public AdminAuth(byte[] adminKeyHash, String loginToken, Clock clock) {
    this.adminKeyHash = adminKeyHash.clone();
    this.loginToken = loginToken;
    this.clock = clock;
  }

  /** The one-time-per-start login token shown in the dashboard URL. */
  public String loginToken() {
    return loginToken;
  }

  /** A token issued to a caller that presented the admin key or the login token. */
  public record Token(String token, long expiresAtMicros) {}

  /** Exchanges the admin key or login token for a session token, or returns null. */
  public Token openSession(String credential) {
    boolean ok = Secrets.matches(credential, adminKeyHash)
        || (credential != null && java.security.MessageDigest.isEqual(Secrets.sha256(credential),
            Secrets.sha256(loginToken)));
    return ok ? issue(Kind.SESSION, SESSION_TTL, "lp_session_") : null;
  }

  /** A stream token for an already authorised caller. */
  public Token issueStreamToken() {
    return issue(Kind.STREAM, STREAM_TOKEN_TTL, "lp_stream_");
  }

  /** Whether a bearer credential (admin key or session token) may use the read API. */
  public boolean allowsBearer(String credential) {
    return Secrets.matches(credential, adminKeyHash) || valid(credential, Kind.SESSION);
  }

  /** Whether a {@code ?token=} may open a stream. */
  public boolean allowsStreamToken(String token) {
    return valid(token, Kind.STREAM);
  }

  private boolean valid(String token, Kind kind) {
    if (token == null) {
      return false;
    }
    String key = key(token);
    Issued i = issued.get(key);
    if (i == null || i.kind() != kind) {
      return false;
    }
    if (clock.epochMicros() >= i.expiresAtMicros()) {
      issued.remove(key);
      return false;
    }
    return true;
  }

  private Token issue(Kind kind, Duration ttl, String prefix) {
    long now = clock.epochMicros();
    issued.values().removeIf(i -> i.expiresAtMicros() <= now);
    String token = Secrets.token(prefix);
    long expires = now + ttl.toNanos() / 1000;
    issued.put(key(token), new Issued(kind, expires));
    return new Token(token, expires);
  }

  private static String key(String token) {
    return java.util.HexFormat.of().formatHex(Secrets.sha256(token));
  }
}
