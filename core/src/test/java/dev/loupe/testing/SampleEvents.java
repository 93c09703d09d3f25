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

  /** A network.request event with short JSON bodies, about 720 bytes when encoded. */
  public static Event network(int i, String sessionId) {
    ObjectNode data = EventJson.nodes().objectNode();
    data.put("method", "POST").put("url", "https://api.shop.example/v2/cart/items?variant=" + (i % 97))
        .put("status", 201).put("status_text", "Created").put("initiator", "fetch").put("started_at", TS + i)
        .put("duration_ms", 87.4).put("content_type", "application/json");
    data.putObject("request_headers").put("content-type", "application/json").put("accept", "application/json");
    data.putObject("response_headers").put("content-type", "application/json; charset=utf-8")
        .put("cache-control", "no-store").put("x-request-id", "req-" + i);
    data.put("request_body", "{\"sku\":\"SKU-" + i + "\",\"quantity\":2,\"gift_wrap\":false}");
    data.put("response_body", "{\"cart_id\":\"c-88213\",\"items\":3,\"total\":129.9,\"currency\":\"EUR\"}");
    return new Event(TS + i, "network.request", Category.NETWORK, DetailLevel.VERBOSE, sessionId,
        "https://shop.example/checkout?step=2", Source.of(SourceKind.PAGE, "loupe-sdk/0.1.0", "fetch"), data, false);
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
