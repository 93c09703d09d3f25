package dev.loupe.server.http;

import io.javalin.http.Context;
import java.util.Set;

/**
 * CORS for the ingest routes. Ingest keys are public (they ship in pages), so by default any
 * origin may post, as with every peer in this field; a project can restrict posting to an
 * allow-list, in which case only listed origins are reflected and others get 403. Requests without
 * an {@code Origin} (servers, curl) are not browsers and are not subject to CORS. The read API
 * sends no CORS headers at all, so browsers never let other sites read captured data.
 */
public final class Cors {
  static final String ALLOWED_METHODS = "POST, OPTIONS";
  static final String ALLOWED_HEADERS = "Content-Type, Content-Encoding, X-Loupe-Key";
  /** What a list of header names may hold (RFC 9110 token characters, commas and spaces). */
  private static final String HEADER_LIST_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+.^_`|~-, ";

  private Cors() {}

  /** Adds the response headers for an ingest request, or throws 403 for an origin not allowed. */
  public static void apply(Context ctx, Set<String> allowList) {
    String origin = ctx.header("Origin");
    if (origin == null) {
      return;
    }
    if (allowList.isEmpty()) {
      ctx.header("Access-Control-Allow-Origin", "*");
      return;
    }
    if (!allowList.contains(origin)) {
      throw new ApiError(403, "forbidden", "origin " + origin + " may not post to this project");
    }
    ctx.header("Access-Control-Allow-Origin", origin);
    ctx.header("Vary", "Origin");
  }

  /**
   * Answers a preflight request for an ingest route. Whatever request headers it asks for are
   * allowed, besides Loupe's own: another SDK loaded before Loupe's wraps the fetch Loupe's SDK
   * uploads through and may add its trace headers ({@code traceparent}, {@code sentry-trace},
   * {@code baggage}, {@code x-datadog-*}) to them; refusing those refused every upload. The
   * server reads none of them, and nothing is sent with credentials.
   */
  public static void preflight(Context ctx, Set<String> allowList) {
    apply(ctx, allowList);
    String requested = ctx.header("Access-Control-Request-Headers");
    ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
    ctx.header("Access-Control-Allow-Headers", isHeaderList(requested) ? ALLOWED_HEADERS + ", " + requested.strip() : ALLOWED_HEADERS);
    ctx.header("Vary", allowList.isEmpty() ? "Access-Control-Request-Headers" : "Origin, Access-Control-Request-Headers");
    ctx.header("Access-Control-Max-Age", "600");
    ctx.status(204);
  }

  /** A list of header names, and nothing else, of at most 1 KB. */
  private static boolean isHeaderList(String s) {
    return s != null && !s.isBlank() && s.length() <= 1024 && s.chars().allMatch(c -> HEADER_LIST_CHARS.indexOf(c) >= 0);
  }
}
