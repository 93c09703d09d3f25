package dev.loupe.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The envelope's JSON form, which is also one line of the durable log:
 * {@code {"seq":N,"received_at":N,"project":"p","event":{…}}}.
 *
 * <p>Encoding is done by hand because it runs on the single sequencer thread for every event: the
 * event's bytes were produced earlier by the accepting thread, so framing them is a copy. Project
 * names are restricted to {@code [a-z0-9_-]} (see {@link ProjectName}), so they need no escaping.
 */
public final class EnvelopeCodec {
  private static final byte[] SEQ = "{\"seq\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RECEIVED_AT = ",\"received_at\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PROJECT = ",\"project\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EVENT = "\",\"event\":".getBytes(StandardCharsets.US_ASCII);
  private static final int FIXED = SEQ.length + RECEIVED_AT.length + PROJECT.length + EVENT.length + 1;

  private EnvelopeCodec() {}

  /** Upper bound of the encoded length, without a newline. */
  public static int maxEncodedLength(int projectLength, int eventJsonLength) {
    return FIXED + 20 + 20 + projectLength + eventJsonLength;
  }

  /** Writes the envelope (without newline) into {@code out}, which must have room for it. */
  public static void encodeInto(ByteBuffer out, long seq, long receivedAt, byte[] project, byte[] eventJson) {
    out.put(SEQ);
    putLong(out, seq);
    out.put(RECEIVED_AT);
    putLong(out, receivedAt);
    out.put(PROJECT);
    out.put(project);
    out.put(EVENT);
    out.put(eventJson);
    out.put((byte) '}');
  }

  public static byte[] encode(Envelope envelope) {
    byte[] project = envelope.project().getBytes(StandardCharsets.US_ASCII);
    ByteBuffer out = ByteBuffer.allocate(maxEncodedLength(project.length, envelope.eventJson().length));
    encodeInto(out, envelope.seq(), envelope.receivedAt(), project, envelope.eventJson());
    return Arrays.copyOf(out.array(), out.position());
  }

  /**
   * Decodes one envelope line (without its newline). The whole line is checked to be well-formed
   * JSON and the event's scalar fields are read, but its {@code source} and {@code data} trees are
   * only built if someone asks for the event ({@link Envelope#event()}): readers that catch up from
   * the log and pass most events on (the store writer) never pay for them.
   *
   * @throws IOException when the bytes are not a complete envelope
   */
  public static Envelope decode(byte[] buf, int offset, int length) throws IOException {
    try (JsonParser p = EventJson.ownJsonFactory().createParser(buf, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("envelope is not a JSON object");
      }
      long seq = -1;
      long receivedAt = 0;
      String project = null;
      byte[] eventJson = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "seq" -> seq = p.getLongValue();
          case "received_at" -> receivedAt = p.getLongValue();
          case "project" -> project = p.getText();
          case "event" -> {
            if (value != JsonToken.START_OBJECT) {
              throw new IOException("envelope event is not an object");
            }
            int start = offset + (int) p.currentTokenLocation().getByteOffset();
            p.skipChildren();
            int end = offset + (int) p.currentLocation().getByteOffset();
            eventJson = Arrays.copyOfRange(buf, start, end);
          }
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new IOException("trailing content after envelope");
      }
      if (seq < 1 || project == null || eventJson == null) {
        throw new IOException("envelope lacks seq, project or event");
      }
      return Envelope.ofEncodedEvent(seq, receivedAt, project, eventJson, EventCodec.readHead(eventJson));
    } catch (IOException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IOException("malformed envelope: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the seq of an envelope line from its fixed prefix without parsing the rest, or returns
   * -1 when the line does not start like an envelope.
   */
  public static long peekSeq(byte[] buf, int offset, int length) {
    if (length <= SEQ.length || !Arrays.equals(buf, offset, offset + SEQ.length, SEQ, 0, SEQ.length)) {
      return -1;
    }
    long seq = 0;
    int i = offset + SEQ.length;
    int end = offset + length;
    int digits = 0;
    while (i < end && buf[i] >= '0' && buf[i] <= '9' && digits < 19) {
      seq = seq * 10 + (buf[i] - '0');
      i++;
      digits++;
    }
    return digits == 0 || i >= end || buf[i] != ',' ? -1 : seq;
  }

  /** Reads received_at from an envelope line's fixed prefix, or -1. */
  public static long peekReceivedAt(byte[] buf, int offset, int length) {
    int end = offset + length;
    int i = offset + SEQ.length;
    while (i < end && buf[i] >= '0' && buf[i] <= '9') {
      i++;
    }
    if (end - i <= RECEIVED_AT.length || !Arrays.equals(buf, i, i + RECEIVED_AT.length, RECEIVED_AT, 0, RECEIVED_AT.length)) {
      return -1;
    }
    i += RECEIVED_AT.length;
    long value = 0;
    int digits = 0;
    while (i < end && buf[i] >= '0' && buf[i] <= '9' && digits < 19) {
      value = value * 10 + (buf[i] - '0');
      i++;
      digits++;
    }
    return digits == 0 ? -1 : value;
  }

  /** Whether the bytes are one complete JSON object and nothing else (checked without building a tree). */
  public static boolean isWellFormed(byte[] buf, int offset, int length) {
    try (JsonParser p = EventJson.ownJsonFactory().createParser(buf, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static void putLong(ByteBuffer out, long value) {
    if (value == 0) {
      out.put((byte) '0');
      return;
    }
    if (value < 0) {
      out.put((byte) '-');
      if (value == Long.MIN_VALUE) {
        out.put("9223372036854775808".getBytes(StandardCharsets.US_ASCII));
        return;
      }
      value = -value;
    }
    int start = out.position();
    while (value > 0) {
      out.put((byte) ('0' + (value % 10)));
      value /= 10;
    }
    int end = out.position() - 1;
    while (start < end) {
      byte tmp = out.get(start);
      out.put(start++, out.get(end));
      out.put(end--, tmp);
    }
  }
}
