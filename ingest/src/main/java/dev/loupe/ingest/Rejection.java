package dev.loupe.ingest;

import dev.loupe.event.Violation;

/**
 * One event of a batch that was not kept, by its index in the request.
 *
 * @param field where the problem is, e.g. {@code events[3].type}
 * @param error the full message, {@code field: rule}
 */
public record Rejection(int index, String field, String error) {
  public static Rejection of(int index, Violation violation) {
    Violation placed = violation.under("events[" + index + "]");
    return new Rejection(index, placed.field(), placed.message());
  }
}
