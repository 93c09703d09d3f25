package dev.loupe.event;

/**
 * Why an input was refused: the field (a JSON path such as {@code events[3].source.kind}) and the
 * rule it broke, phrased so that a client developer can fix the payload.
 */
public record Violation(String field, String rule) {

  /** The same violation with its field placed under {@code prefix} (e.g. {@code events[3]}). */
  public Violation under(String prefix) {
    return new Violation(field.isEmpty() ? prefix : prefix + "." + field, rule);
  }

  /** {@code field: rule}, the form used in error messages. */
  public String message() {
    return field.isEmpty() ? rule : field + ": " + rule;
  }

  @Override
  public String toString() {
    return message();
  }
}
