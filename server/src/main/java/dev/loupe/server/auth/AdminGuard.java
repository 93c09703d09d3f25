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
    String refusal = bearerRefusal(ctx.header("Authorization"));
    if (refusal != null) {
      throw ApiError.unauthorized(refusal);
    }
  }

  /** For stream routes: a bearer credential, or a stream token in {@code ?token=}. */
  public void requireForStream(Context ctx) {
    String refusal = streamRefusal(ctx.queryParam("token"), ctx.header("Authorization"));
    if (refusal != null) {
      throw ApiError.unauthorized(refusal);
    }
  }

  /** Why a stream may not be opened with these credentials, or null when it may. */
  public String streamRefusal(String token, String authorization) {
    if (token != null) {
      return auth.allowsStreamToken(token) ? null
          : "the stream token is not valid or has expired; ask POST /v1/stream/token for a new one";
    }
    return bearerRefusal(authorization);
  }

  private String bearerRefusal(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return "send Authorization: Bearer <admin key or session token>";
    }
    return auth.allowsBearer(header.substring(7).trim()) ? null
        : "the bearer credential is not valid (expired session? sign in again)";
  }
}
