package dev.loupe.server.query;

import dev.loupe.server.http.ApiError;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads query parameters, refusing bad ones with 400 naming the parameter and the rule. */
final class QueryParams {
  private final Context ctx;

  QueryParams(Context ctx) {
    this.ctx = ctx;
  }

  String text(String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isEmpty() ? null : v;
  }

  /** Every value of a repeatable parameter, commas splitting values too. */
  List<String> list(String name) {
    List<String> out = new ArrayList<>();
    for (String raw : ctx.queryParams(name)) {
      for (String v : raw.split(",")) {
        if (!v.isBlank()) {
          out.add(v.trim());
        }
      }
    }
    return out;
  }

  /** A time as integer microseconds or ISO-8601, or null when absent. */
  Long time(String name) {
    String v = text(name);
    if (v == null) {
      return null;
    }
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw ApiError.badParameter(name, "is out of range");
      }
    }
    try {
      Instant t = Instant.parse(v);
      return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    } catch (DateTimeParseException e) {
      throw ApiError.badParameter(name, "must be microseconds since the epoch or ISO-8601 such as 2026-11-23T10:00:00Z");
    }
  }

  int integer(String name, int fallback, int min, int max) {
    String v = text(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw ApiError.badParameter(name, "must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiError.badParameter(name, "must be a whole number between " + min + " and " + max);
    }
  }

  Long seq(String name) {
    String v = text(name);
    if (v == null) {
      return null;
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiError.badParameter(name, "must be a seq (a whole number ≥ 0)");
    }
  }

  Boolean bool(String name) {
    String v = text(name);
    if (v == null) {
      return null;
    }
    return switch (v) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw ApiError.badParameter(name, "must be true or false");
    };
  }
}
