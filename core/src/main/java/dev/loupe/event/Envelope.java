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
  private final byte[] eventJson;
  private final Event event;
  private volatile EventHead head;

  public Envelope(long seq, long receivedAt, String project, Event event, byte[] eventJson) {
    this.seq = seq;
    this.receivedAt = receivedAt;
    this.project = project;
    this.event = event;
    this.eventJson = eventJson;
  }

  /**
   * An envelope whose event is decoded from {@code eventJson} (JSON Loupe wrote) only when
   * {@link #event()} is first called: for readers such as stored-event queries that mostly pass the
   * JSON on.
   */
  public static Envelope ofEncodedEvent(long seq, long receivedAt, String project, byte[] eventJson) {
    return new Envelope(seq, receivedAt, project, null, eventJson);
  }

  /** As {@link #ofEncodedEvent(long, long, String, byte[])} with the head already read. */
  static Envelope ofEncodedEvent(long seq, long receivedAt, String project, byte[] eventJson, EventHead head) {
    Envelope e = new Envelope(seq, receivedAt, project, null, eventJson);
    e.head = head;
    return e;
  }

  /**
   * An envelope for a just-sequenced event that keeps its encoding and head but not the decoded
   * tree: the ring holds tens of thousands of these, and trees kept that long would survive young
   * collections and make every one of them copy millions of small objects. Readers that need the
   * tree decode it on demand.
   */
  public static Envelope sequenced(long seq, long receivedAt, String project, Event event, byte[] eventJson) {
    return ofEncodedEvent(seq, receivedAt, project, eventJson, EventHead.of(event));
  }

  /**
   * This envelope holding only its encoding and head. Long-lived holders (the category buffers)
   * keep these: a decoded event is dozens of small objects, and every young collection would copy
   * them for as long as the event stays buffered.
   */
  public Envelope compacted() {
    return event == null ? this : ofEncodedEvent(seq, receivedAt, project, eventJson, head());
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

  /**
   * The event. An envelope that holds only its encoding ({@link #ofEncodedEvent}, {@link #sequenced},
   * {@link #compacted}) decodes it on every call and does not keep the tree: such envelopes are the
   * ones held long (ring, buffers), and a kept tree would bring back the garbage-collection cost
   * they exist to avoid. Callers that need several fields take the event once.
   */
  public Event event() {
    return event != null ? event : EventCodec.decode(eventJson);
  }

  /**
   * The event's scalar fields; for an envelope read back from its encoding this reads only the
   * fields before {@code source} (they come first), never building the trees.
   */
  public EventHead head() {
    EventHead h = head;
    if (h == null) {
      Event e = event;
      h = e != null ? EventHead.of(e) : EventCodec.readHead(eventJson);
      head = h;
    }
    return h;
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
