package dev.loupe.server.http;

import dev.loupe.ingest.BodyFormat;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body with its limit enforced while streaming — never trusting Content-Length,
 * and counting decompressed bytes when the body is gzipped, so neither a lying header nor a gzip
 * bomb can make Loupe buffer more than the limit. (Javalin's own {@code maxRequestSize} does not
 * guard the body stream, so ingest never uses Javalin's body helpers.)
 */
public final class RequestBody {
  private RequestBody() {}

  /** The body's framing from its content type, or 415 for types ingest does not take. */
  public static BodyFormat format(Context ctx) {
    String type = ctx.contentType();
    if (type == null || type.isBlank()) {
      return BodyFormat.SNIFF;
    }
    String mime = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return switch (mime) {
      case "application/json" -> BodyFormat.JSON;
      case "application/x-ndjson", "application/ndjson", "application/jsonl" -> BodyFormat.NDJSON;
      case "text/plain" -> BodyFormat.SNIFF;
      default -> throw ApiError.unsupportedMediaType("Content-Type " + mime
          + " is not accepted; send application/json, application/x-ndjson or text/plain");
    };
  }

  /** Checks that a JSON route got JSON (or plain text, as beacons send). */
  public static void requireJson(Context ctx) {
    if (format(ctx) == BodyFormat.NDJSON) {
      throw ApiError.unsupportedMediaType("this route takes application/json");
    }
  }

  /** The whole body, at most {@code maxBytes} after decompression, or 413. */
  public static byte[] read(Context ctx, int maxBytes) {
    long declared = ctx.req().getContentLengthLong();
    String encoding = ctx.header("Content-Encoding");
    boolean gzip = false;
    if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("identity")) {
      if (!encoding.trim().equalsIgnoreCase("gzip")) {
        throw ApiError.unsupportedMediaType("Content-Encoding " + encoding + " is not accepted; use gzip or none");
      }
      gzip = true;
    }
    if (!gzip && declared > maxBytes) {
      throw tooLarge(maxBytes);
    }
    try {
      InputStream raw = ctx.req().getInputStream();
      InputStream in = gzip ? new GZIPInputStream(new LimitedInputStream(raw, maxBytes), 8192) : raw;
      return readLimited(in, maxBytes);
    } catch (ZipException e) {
      throw ApiError.invalid("the body is not valid gzip: " + e.getMessage());
    } catch (LimitExceeded e) {
      throw tooLarge(maxBytes);
    } catch (java.io.EOFException e) {
      throw ApiError.invalid("the body ended early" + (gzip ? " (truncated gzip)" : ""));
    } catch (IOException e) {
      throw new ApiError(400, "invalid", "the body could not be read: " + e.getMessage());
    }
  }

  private static byte[] readLimited(InputStream in, int maxBytes) throws IOException {
    byte[] buf = new byte[Math.min(maxBytes + 1, 64 * 1024)];
    int n = 0;
    while (true) {
      if (n == buf.length) {
        if (buf.length > maxBytes) {
          throw new LimitExceeded();
        }
        buf = Arrays.copyOf(buf, (int) Math.min((long) maxBytes + 1, buf.length * 2L));
      }
      int r = in.read(buf, n, buf.length - n);
      if (r < 0) {
        break;
      }
      n += r;
      if (n > maxBytes) {
        throw new LimitExceeded();
      }
    }
    return n == buf.length ? buf : Arrays.copyOf(buf, n);
  }

  private static ApiError tooLarge(int maxBytes) {
    return ApiError.tooLarge("the body exceeds " + maxBytes + " bytes");
  }

  /** Signals that a stream passed its limit. */
  static final class LimitExceeded extends IOException {
    private static final long serialVersionUID = 1L;

    LimitExceeded() {
      super("limit exceeded", null);
    }
  }

  /** Counts raw (compressed) bytes too, so a huge compressed body is cut off early. */
  private static final class LimitedInputStream extends java.io.FilterInputStream {
    private long remaining;

    LimitedInputStream(InputStream in, long limit) {
      super(in);
      this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && --remaining < 0) {
        throw new LimitExceeded();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        remaining -= n;
        if (remaining < 0) {
          throw new LimitExceeded();
        }
      }
      return n;
    }
  }
}
