package dev.loupe.server.ingest;

import dev.loupe.drop.DropReason;
import dev.loupe.drop.Drops;
import dev.loupe.server.auth.Project;
import dev.loupe.server.auth.Projects;
import dev.loupe.server.http.ApiError;
import dev.loupe.server.http.Cors;
import dev.loupe.server.http.RateLimiter;
import dev.loupe.server.http.TrustedProxies;
import io.javalin.http.Context;

/**
 * What every ingest request passes before its body is read: CORS headers (so that even refusals
 * are readable by the page's SDK, including {@code Retry-After}), the per-client rate limit, the
 * ingest key, and the project's origin allow-list.
 */
public final class IngestGate {
  private final Projects projects;
  private final RateLimiter limiter;
  private final TrustedProxies proxies;
  private final Drops drops;

  /** @param limiter null when rate limiting is off */
  public IngestGate(Projects projects, RateLimiter limiter, TrustedProxies proxies, Drops drops) {
    this.projects = projects;
    this.limiter = limiter;
    this.proxies = proxies;
    this.drops = drops;
  }

  public Project admit(Context ctx) {
    ctx.header("Access-Control-Expose-Headers", "Retry-After");
    Cors.apply(ctx, projects.originsBeforeKey());
    if (limiter != null) {
      RateLimiter.Decision d = limiter.acquire(proxies.clientAddress(ctx));
      if (!d.allowed()) {
        drops.add(DropReason.RATE_LIMITED);
        throw new ApiError(429, "rate_limited", "too many requests from this client; retry after the delay given",
            d.retryAfter());
      }
    }
    String key = ctx.header("X-Loupe-Key");
    if (key == null || key.isEmpty()) {
      key = ctx.queryParam("key");
    }
    if (key == null || key.isEmpty()) {
      throw ApiError.unauthorized("an ingest key is required: send the X-Loupe-Key header or ?key=");
    }
    Project project = projects.byKey(key);
    if (project == null) {
      throw ApiError.unauthorized("the ingest key is not valid for any project");
    }
    Cors.apply(ctx, project.corsOrigins());
    return project;
  }

  /** Answers a CORS preflight for an ingest route. */
  public void preflight(Context ctx) {
    Cors.preflight(ctx, projects.originsBeforeKey());
  }
}
