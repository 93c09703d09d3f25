package dev.loupe.server.http;

import java.time.Duration;

/**
 * An error answered as {@code {"error": code, "message": …}} with its status, and a
 * {@code Retry-After} header when the client should come back later.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;
  private final transient Duration retryAfter;

  public ApiError(int status, String code, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  public ApiError(int status, String code, String message) {
    this(status, code, message, null);
  }

  public static ApiError badParameter(String name, String rule) {
    return new ApiError(400, "bad_parameter", name + ": " + rule);
  }

  public static ApiError invalid(String message) {
    return new ApiError(400, "invalid", message);
  }

  public static ApiError unauthorized(String message) {
    return new ApiError(401, "unauthorized", message);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, "not_found", message);
  }

  public static ApiError tooLarge(String message) {
    return new ApiError(413, "too_large", message);
  }

  public static ApiError unsupportedMediaType(String message) {
    return new ApiError(415, "unsupported_media_type", message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** When to retry, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
