package dev.loupe.ingest;

/**
 * A whole request refused: its body cannot be parsed, breaks a request-level rule, or is too
 * large. (Single bad events of a batch are {@link Rejection}s instead, and the rest is kept.)
 */
public final class IngestRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The kind of refusal; the HTTP layer maps it to a status code. */
  public enum Kind {
    /** The body is not JSON (400 malformed_json). */
    MALFORMED_JSON,
    /** The body is JSON but breaks a rule (400 invalid). */
    INVALID,
    /** Too many events or bytes (413 too_large). */
    TOO_LARGE
  }

  private final Kind kind;
  private final String field;

  public IngestRefusal(Kind kind, String field, String message) {
    super(field == null ? message : field + ": " + message, null, false, false);
    this.kind = kind;
    this.field = field;
  }

  public Kind kind() {
    return kind;
  }

  /** The field or parameter at fault, or null. */
  public String field() {
    return field;
  }
}
