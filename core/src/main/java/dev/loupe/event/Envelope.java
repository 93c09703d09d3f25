package dev.loupe.event;

import java.nio.charset.StandardCharsets;

/**
 * An event as the pipeline knows it: its sequence number, when Loupe received it, the project it
 * belongs to, the event itself and the event's JSON encoding. Immutable and shared between the
 * ring and every reader.
 *
 * <p>The JSON form is {@code {"seq":…,"received_at":…,"project":"…","event":{…}}}, which is also
 * exactly one line of the durable log.
 */
public final class Envelope {
  private final long seq;
  private final long receivedAt;
  private final String project;
  private final Event event;
  private final byte[] eventJson;

  public Envelope(long seq, long receivedAt, String project, Event event, byte[] eventJson) {
    this.seq = seq;
    this.receivedAt = receivedAt;
    this.project = project;
    this.event = event;
    this.eventJson = eventJson;
  }

  public long seq() {
    return seq;
  }

  /** Microseconds since the epoch at which the sequencer accepted the event. */
  public long receivedAt() {
    return receivedAt;
  }

  public String project() {
    return project;
  }

  public Event event() {
    return event;
  }

  /** The event's JSON object (shared; do not modify). */
  public byte[] eventJson() {
    return eventJson;
  }

  /** Approximate size in bytes, used for memory accounting. */
  public int estimatedBytes() {
    return eventJson.length + 96;
  }

  /** The envelope as one JSON object, UTF-8, without a trailing newline. */
  public byte[] toJson() {
    return EnvelopeCodec.encode(this);
  }

  @Override
  public String toString() {
    return new String(toJson(), StandardCharsets.UTF_8);
  }
}
