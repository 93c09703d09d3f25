package dev.loupe.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.event.Category;
import dev.loupe.event.DetailLevel;
import dev.loupe.event.EncodedEvent;
import dev.loupe.event.Event;
import dev.loupe.event.EventCodec;
import dev.loupe.event.EventJson;
import dev.loupe.event.Source;
import dev.loupe.event.SourceKind;
import java.util.ArrayList;
import java.util.List;

/** Realistic events for tests and benchmarks. */
public final class SampleEvents {
  public static final long TS = 1_795_435_200_120_000L;

  private SampleEvents() {}

  /** A console.log event of about 550 bytes when encoded. */
  public static Event console(int i, String sessionId) {
    ObjectNode data = EventJson.nodes().objectNode();
    data.put("message", "checkout step " + i + " completed for cart with 3 items; total 129.90 EUR; "
        + "shipping option express selected by the customer after comparing rates");
    data.putArray("args").add("checkout step " + i).addObject().put("items", 3).put("total", 129.9)
        .put("currency", "EUR").put("shipping", "express");
    data.putObject("location").put("url", "https://shop.example/assets/app.4f3c2a.js").put("line", 1042)
        .put("column", 17);
    return new Event(TS + i, "console.log", Category.CONSOLE, DetailLevel.STANDARD, sessionId,
        "https://shop.example/checkout?step=2", Source.of(SourceKind.PAGE, "loupe-sdk/0.1.0", "console.log"),
        data, false);
  }

  public static EncodedEvent encoded(Event e) {
    return new EncodedEvent(e, EventCodec.encode(e));
  }

  public static EncodedEvent consoleEncoded(int i) {
    return encoded(console(i, "session-" + (i % 200)));
  }

  public static List<EncodedEvent> batch(int start, int size) {
    List<EncodedEvent> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(consoleEncoded(start + i));
    }
    return out;
  }
}
