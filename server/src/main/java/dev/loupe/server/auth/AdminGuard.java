package dev.loupe.server.auth;

import dev.loupe.server.http.ApiError;
import io.javalin.http.Context;

/** Lets a read request through only with the admin key or a session token as its bearer. */
public final class AdminGuard {
  private final AdminAuth auth;

  public AdminGuard(AdminAuth auth) {
    this.auth = auth;
  }

  public void require(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiError.unauthorized("send Authorization: Bearer <admin key or session token>");
    }
    if (!auth.allowsBearer(header.substring(7).trim())) {
      throw ApiError.unauthorized("the bearer credential is not valid (expired session? sign in again)");
    }
  }

  /** For stream routes: a bearer credential, or a stream token in {@code ?token=}. */
  public void requireForStream(Context ctx) {
    String token = ctx.queryParam("token");
    if (token != null) {
      if (!auth.allowsStreamToken(token)) {
        throw ApiError.unauthorized("the stream token is not valid or has expired; ask POST /v1/stream/token for a new one");
      }
      return;
    }
    require(ctx);
  }
}
