package dev.loupe.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.event.Category;
import dev.loupe.event.DetailLevel;
import dev.loupe.event.Envelope;
import dev.loupe.event.Event;
import dev.loupe.event.EventCodec;
import dev.loupe.event.EventJson;
import dev.loupe.event.Source;
import dev.loupe.event.SourceKind;
import dev.loupe.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Builds envelopes for storage tests: seqs ascending from 1, received "now" by the test clock. */
public final class TestEnvelopes {
  private final Clock clock;
  private final AtomicLong seq = new AtomicLong();

  public TestEnvelopes(Clock clock) {
    this.clock = clock;
  }

  public void reset() {
    seq.set(0);
  }

  public long lastSeq() {
    return seq.get();
  }

  public static ObjectNode data() {
    return EventJson.nodes().objectNode();
  }

  /** The next envelope: an event of {@code type} at {@code ts}. */
  public Envelope next(String type, long ts, String sessionId, String url, ObjectNode data) {
    return at(seq.incrementAndGet(), type, ts, sessionId, url, data);
  }

  public Envelope next(String type, long ts, String sessionId) {
    return next(type, ts, sessionId, null, data());
  }

  /** An envelope with a given seq (which does not move the counter). */
  public Envelope at(long s, String type, long ts, String sessionId, String url, ObjectNode data) {
    Event e = new Event(ts, type, Category.ofType(type), DetailLevel.STANDARD, sessionId, url,
        Source.of(SourceKind.PAGE, "loupe-sdk/0.1.0", type), data, false);
    return new Envelope(s, clock.epochMicros(), "default", e, EventCodec.encode(e));
  }

  public Envelope console(String level, long ts, String sessionId, String message) {
    ObjectNode d = data().put("message", message);
    d.putArray("args").add(message);
    return next("console." + level, ts, sessionId, "https://shop.example/cart", d);
  }

  /** {@code n} console.log events of one session, 1 µs apart from {@code ts}. */
  public List<Envelope> consoleRun(int n, long ts, String sessionId) {
    List<Envelope> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(console("log", ts + i, sessionId, "line " + i));
    }
    return out;
  }

  public Envelope sessionStart(long ts, String sessionId, String pageUrl, String userId) {
    ObjectNode d = data().put("page_url", pageUrl).put("referrer", "https://search.example/?q=shoes")
        .put("user_agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0").put("device_type", "desktop")
        .put("browser", "Chrome").put("os", "Linux").put("viewport_width", 1280).put("viewport_height", 720)
        .put("screen_width", 1920).put("screen_height", 1080);
    if (userId != null) {
      d.put("user_id", userId);
    }
    return next("session.start", ts, sessionId, pageUrl, d);
  }

  public Envelope screenshot(long ts, String sessionId, byte[] bytes) {
    long s = seq.incrementAndGet();
    ObjectNode d = data().put("screenshot_id", s).put("format", "png").put("width", 640).put("height", 480)
        .put("size", bytes.length).put("sha256", dev.loupe.blob.BlobStore.sha256(bytes))
        .put("page_url", "https://shop.example/checkout");
    return at(s, "screenshot.capture", ts, sessionId, "https://shop.example/checkout", d);
  }
}
