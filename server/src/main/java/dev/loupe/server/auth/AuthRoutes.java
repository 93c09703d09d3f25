package dev.loupe.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.event.EventJson;
import dev.loupe.server.http.ApiError;
import dev.loupe.server.http.JsonBody;
import dev.loupe.server.http.RateLimiter;
import dev.loupe.server.http.RequestBody;
import dev.loupe.server.http.TrustedProxies;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * {@code POST /v1/auth/session} (admin key or login token → session token; rate limited, since it
 * is where a guesser would knock) and {@code POST /v1/stream/token}.
 */
public final class AuthRoutes {
  private final AdminAuth auth;
  private final AdminGuard guard;
  private final RateLimiter limiter;
  private final TrustedProxies proxies;

  public AuthRoutes(AdminAuth auth, AdminGuard guard, RateLimiter limiter, TrustedProxies proxies) {
    this.auth = auth;
    this.guard = guard;
    this.limiter = limiter;
    this.proxies = proxies;
  }

  public void register(RoutesConfig routes) {
    routes.post("/v1/auth/session", this::session);
    routes.post("/v1/stream/token", ctx -> {
      guard.require(ctx);
      send(ctx, auth.issueStreamToken(), "token");
    });
  }

  private void session(Context ctx) {
    RateLimiter.Decision d = limiter.acquire(proxies.clientAddress(ctx));
    if (!d.allowed()) {
      throw new ApiError(429, "rate_limited", "too many sign-in attempts; retry later", d.retryAfter());
    }
    RequestBody.requireJson(ctx);
    JsonNode body;
    try {
      body = EventJson.mapper().readTree(RequestBody.read(ctx, 4096));
    } catch (IOException e) {
      throw new ApiError(400, "malformed_json", "the body must be {\"token\": \"…\"}");
    }
    JsonNode token = body == null ? null : body.get("token");
    if (token == null || !token.isTextual()) {
      throw ApiError.badParameter("token", "is required (the admin key or the login token printed at start-up)");
    }
    AdminAuth.Token session = auth.openSession(token.asText());
    if (session == null) {
      throw ApiError.unauthorized("that is neither the admin key nor the current login token");
    }
    send(ctx, session, "session_token");
  }

  private static void send(Context ctx, AdminAuth.Token token, String field) {
    ctx.header("Cache-Control", "no-store");
    JsonBody.send(ctx, 200, g -> {
      g.writeStartObject();
      g.writeStringField(field, token.token());
      g.writeNumberField("expires_at", token.expiresAtMicros());
      g.writeEndObject();
    });
  }
}
