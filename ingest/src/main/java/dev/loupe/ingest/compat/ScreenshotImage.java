package dev.loupe.ingest.compat;

import dev.loupe.ingest.IngestRefusal;
import java.util.Base64;
import java.util.Locale;

/**
 * A screenshot decoded from a data URL, its format taken from the bytes themselves (never from the
 * declared type alone) and its dimensions read from the image header.
 */
public record ScreenshotImage(String format, byte[] bytes, int width, int height) {
  /** Largest accepted image, decoded (seed 002). */
  public static final int MAX_BYTES = 10 * 1024 * 1024;

  /** The MIME type of the format. */
  public String contentType() {
    return "image/" + format;
  }

  /**
   * Decodes {@code data:image/<type>;base64,<data>}.
   *
   * @throws IngestRefusal naming {@code field} when the URL, the encoding or the image is not acceptable
   */
  public static ScreenshotImage fromDataUrl(String dataUrl, String field) {
    return fromDataUrl(dataUrl, field, 0, 0);
  }

  /**
   * As {@link #fromDataUrl(String, String)}, using the dimensions the client declared when the image
   * header does not give them (a truncated header, as in seed 002's own example).
   */
  public static ScreenshotImage fromDataUrl(String dataUrl, String field, int declaredWidth, int declaredHeight) {
    if (dataUrl == null || !dataUrl.startsWith("data:")) {
      throw invalid(field, "must be a data URL such as data:image/jpeg;base64,/9j/…");
    }
    int comma = dataUrl.indexOf(',');
    if (comma < 0) {
      throw invalid(field, "must be a data URL such as data:image/jpeg;base64,/9j/…");
    }
    String header = dataUrl.substring(5, comma).toLowerCase(Locale.ROOT);
    if (!header.endsWith(";base64")) {
      throw invalid(field, "must be base64-encoded (data:image/…;base64,…)");
    }
    String declared = header.substring(0, header.length() - ";base64".length());
    long decodedSize = (dataUrl.length() - comma - 1) * 3L / 4;
    if (decodedSize > MAX_BYTES + 2) {
      throw new IngestRefusal(IngestRefusal.Kind.TOO_LARGE, field, "the image must be at most 10 MB");
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(dataUrl.substring(comma + 1));
    } catch (IllegalArgumentException e) {
      throw invalid(field, "is not valid base64");
    }
    if (bytes.length > MAX_BYTES) {
      throw new IngestRefusal(IngestRefusal.Kind.TOO_LARGE, field, "the image must be at most 10 MB");
    }
    String format = sniff(bytes);
    if (format == null) {
      throw invalid(field, "is not a JPEG, PNG or WebP image");
    }
    String declaredFormat = declared.equals("image/jpg") ? "image/jpeg" : declared;
    if (!declaredFormat.isEmpty() && !declaredFormat.equals("image/" + format)) {
      throw invalid(field, "declares " + declared + " but the bytes are " + format.toUpperCase(Locale.ROOT));
    }
    int[] size = dimensions(format, bytes);
    if ((size == null || size[0] <= 0 || size[1] <= 0) && declaredWidth > 0 && declaredHeight > 0) {
      size = new int[] {declaredWidth, declaredHeight};
    }
    if (size == null || size[0] <= 0 || size[1] <= 0) {
      throw invalid(field, "has an unreadable " + format.toUpperCase(Locale.ROOT) + " header");
    }
    return new ScreenshotImage(format, bytes, size[0], size[1]);
  }

  /** {@code jpeg}, {@code png}, {@code webp}, or null, from the magic bytes. */
  static String sniff(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
      return "jpeg";
    }
    if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0D
        && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
      return "png";
    }
    if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E'
        && b[10] == 'B' && b[11] == 'P') {
      return "webp";
    }
    return null;
  }

  private static int[] dimensions(String format, byte[] b) {
    return switch (format) {
      case "png" -> b.length >= 24 ? new int[] {int32(b, 16), int32(b, 20)} : null;
      case "jpeg" -> jpeg(b);
      case "webp" -> webp(b);
      default -> null;
    };
  }

  /** Walks JPEG markers to the first start-of-frame (SOF0..SOF15 except DHT, JPG, DAC). */
  private static int[] jpeg(byte[] b) {
    int i = 2;
    while (i + 9 < b.length) {
      if ((b[i] & 0xff) != 0xFF) {
        return null;
      }
      int marker = b[i + 1] & 0xff;
      if (marker == 0xFF) {
        i++;
        continue;
      }
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        i += 2;
        continue;
      }
      int length = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
        int height = ((b[i + 5] & 0xff) << 8) | (b[i + 6] & 0xff);
        int width = ((b[i + 7] & 0xff) << 8) | (b[i + 8] & 0xff);
        return new int[] {width, height};
      }
      if (length < 2) {
        return null;
      }
      i += 2 + length;
    }
    return null;
  }

  private static int[] webp(byte[] b) {
    if (b.length < 30) {
      return null;
    }
    String chunk = new String(b, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
    return switch (chunk) {
      case "VP8 " -> new int[] {int16le(b, 26) & 0x3FFF, int16le(b, 28) & 0x3FFF};
      case "VP8L" -> {
        int bits = (b[21] & 0xff) | (b[22] & 0xff) << 8 | (b[23] & 0xff) << 16 | (b[24] & 0xff) << 24;
        yield new int[] {(bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1};
      }
      case "VP8X" -> new int[] {int24le(b, 24) + 1, int24le(b, 27) + 1};
      default -> null;
    };
  }

  private static int int32(byte[] b, int i) {
    return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
  }

  private static int int16le(byte[] b, int i) {
    return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
  }

  private static int int24le(byte[] b, int i) {
    return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16;
  }

  private static IngestRefusal invalid(String field, String rule) {
    return new IngestRefusal(IngestRefusal.Kind.INVALID, field, rule);
  }
}
