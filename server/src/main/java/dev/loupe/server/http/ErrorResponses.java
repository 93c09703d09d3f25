package dev.loupe.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.loupe.event.EventJson;
import dev.loupe.ingest.IngestRefusal;
import dev.loupe.pipeline.AppendRefusedException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure becomes a JSON error with the right status: client mistakes are 4xx naming the
 * field, refusals of the log are 503 with {@code Retry-After}; only a bug in Loupe is a 500, and it
 * is logged.
 */
public final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
  /** Most of a refused request's body read and discarded before answering. */
  private static final long DRAIN_LIMIT = 1 << 20;

  private ErrorResponses() {}

  public static void register(RoutesConfig routes) {
    routes.exception(Exception.class, (e, ctx) -> write(ctx, toApiError(e)));
    routes.error(404, "*", ctx -> {
      String type = ctx.res().getContentType();
      if (type == null || !type.startsWith("application/json")) {
        write(ctx, ApiError.notFound("no route " + ctx.method() + " " + ctx.path()));
      }
    });
    routes.error(405, "*", ctx -> write(ctx, new ApiError(405, "method_not_allowed",
        ctx.method() + " is not allowed on " + ctx.path())));
  }

  /** Maps any failure (unwrapping async wrappers) to the error the client sees. */
  public static ApiError toApiError(Throwable t) {
    Throwable e = t;
    while ((e instanceof CompletionException || e instanceof java.util.concurrent.ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof ApiError api) {
      return api;
    }
    if (e instanceof IngestRefusal r) {
      return switch (r.kind()) {
        case MALFORMED_JSON -> new ApiError(400, "malformed_json", r.getMessage());
        case INVALID -> ApiError.invalid(r.getMessage());
        case TOO_LARGE -> ApiError.tooLarge(r.getMessage());
      };
    }
    if (e instanceof AppendRefusedException r) {
      return new ApiError(503, "unavailable", r.getMessage(), r.retryAfter());
    }
    if (e instanceof io.javalin.http.HttpResponseException h) {
      return new ApiError(h.getStatus(), h.getStatus() == 404 ? "not_found" : "invalid", h.getMessage());
    }
    LOG.error("unexpected error", e);
    return new ApiError(500, "internal", "an internal error occurred; it has been logged");
  }

  public static void write(Context ctx, ApiError error) {
    drainUnreadBody(ctx);
    ctx.status(error.status());
    if (error.retryAfter() != null) {
      ctx.header("Retry-After", Long.toString(Math.max(1, (error.retryAfter().toMillis() + 999) / 1000)));
    }
    ctx.contentType("application/json");
    ctx.result(json(error.code(), error.getMessage()));
  }

  /**
   * Reads and discards what the client is still sending of a refused request, up to a bound. An
   * answer given before the body is read (415, 401, a parse error at the first byte) is otherwise
   * followed by the server closing a socket with unread data, which resets the connection and can
   * destroy the answer before the client reads it. Beyond the bound the connection is closed anyway.
   */
  private static void drainUnreadBody(Context ctx) {
    if (ctx.req().getContentLengthLong() == 0) {
      return;
    }
    try {
      InputStream in = ctx.req().getInputStream();
      byte[] sink = new byte[8192];
      long left = DRAIN_LIMIT;
      int n;
      while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) {
        left -= n;
      }
      if (left <= 0) {
        ctx.header("Connection", "close");
      }
    } catch (IOException | IllegalStateException e) {
      // The body was taken as a reader, or the client went away: nothing left to protect.
    }
  }

  /** The error body {@code {"error": code, "message": message}}. */
  public static byte[] json(String code, String message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = EventJson.factory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("error", code);
      g.writeStringField("message", message);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Seconds for a {@code Retry-After} header, rounded up, at least 1. */
  public static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
