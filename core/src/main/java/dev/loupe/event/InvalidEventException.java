package dev.loupe.event;

/** Thrown when an input cannot become an event; carries the violated field and rule. */
public final class InvalidEventException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Violation violation;

  public InvalidEventException(Violation violation) {
    super(violation.message(), null, false, false);
    this.violation = violation;
  }

  public InvalidEventException(String field, String rule) {
    this(new Violation(field, rule));
  }

  public Violation violation() {
    return violation;
  }
}
