package dev.loupe.ingest;

/** How a request body is framed, from its content type. */
public enum BodyFormat {
  /** {@code application/json}: a batch object, an array of events, or one event. */
  JSON,
  /** {@code application/x-ndjson}: one event per line; a broken line is rejected by itself. */
  NDJSON,
  /** {@code text/plain} (sendBeacon): JSON or NDJSON, told apart by looking at the body. */
  SNIFF
}
