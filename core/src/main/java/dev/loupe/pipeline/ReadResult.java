package dev.loupe.pipeline;

import dev.loupe.event.Envelope;

/** What a reader gets next: an envelope ({@link Delivered}) or a {@link Gap}. */
public sealed interface ReadResult permits ReadResult.Delivered, Gap {

  /** The next envelope in seq order. */
  record Delivered(Envelope envelope) implements ReadResult {}

  /** The envelope, or null when this is a gap. */
  default Envelope envelopeOrNull() {
    return this instanceof Delivered d ? d.envelope() : null;
  }
}
