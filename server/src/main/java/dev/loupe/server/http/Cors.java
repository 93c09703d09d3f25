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

  /** Answers a preflight request for an ingest route. */
  public static void preflight(Context ctx, Set<String> allowList) {
    apply(ctx, allowList);
    ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
    ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
    ctx.header("Access-Control-Max-Age", "600");
    ctx.status(204);
  }
}
