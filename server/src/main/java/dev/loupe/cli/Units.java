package dev.loupe.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Human units on the command line: durations ({@code 10ms}, {@code 30s}, {@code 7d}) and sizes ({@code 10MB}). */
final class Units {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|k|mb|m|gb|g|tb|t)?");

  private Units() {}

  /** Parses a duration such as {@code 500ms} or {@code 7d}. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new TypeConversionException("'" + value + "' is not a duration such as 10ms, 30s, 5m, 2h or 7d");
      }
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
  }

  /** Parses a byte size such as {@code 1048576}, {@code 512KB} or {@code 10GB} (powers of 1024). */
  static final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new TypeConversionException("'" + value + "' is not a size such as 1048576, 512KB, 10MB or 2GB");
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "b" : m.group(2);
      int shift = switch (unit.charAt(0)) {
        case 'k' -> 10;
        case 'm' -> 20;
        case 'g' -> 30;
        case 't' -> 40;
        default -> 0;
      };
      if (shift > 0 && n > (Long.MAX_VALUE >> shift)) {
        throw new TypeConversionException("'" + value + "' is too large");
      }
      return n << shift;
    }
  }
}
