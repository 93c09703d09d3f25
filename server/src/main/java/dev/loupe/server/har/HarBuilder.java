package dev.loupe.server.har;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.event.Envelope;
import dev.loupe.event.Event;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Builds a HAR 1.2 log from a session's events, as Chrome's own export shapes it so that DevTools'
 * importer and HAR tools read it: a page per {@code page.view}, an entry per
 * {@code network.request}, and a WebSocket entry (status 101, {@code _resourceType: websocket})
 * per connection carrying its {@code _webSocketMessages}.
 *
 * <h2>Timings</h2>
 * An entry's phases come from the request's own {@code timing} when the SDK measured it, else from
 * the {@code network.resource} event for the same URL that started closest to it (resource timing),
 * else the whole duration is {@code wait}. HAR requires {@code time} to equal the sum of the known
 * phases, so it is computed from them. Bodies are the redacted ones Loupe stored.
 */
public final class HarBuilder {
  private final String creatorVersion;

  public HarBuilder(String creatorVersion) {
    this.creatorVersion = creatorVersion;
  }

  private record Page(String id, String sessionId, long ts, String url, String title) {}

  private record Phases(double blocked, double dns, double connect, double ssl, double send, double waiting,
      double receive) {
    double total() {
      return Math.max(0, blocked) + Math.max(0, dns) + Math.max(0, connect) + send + waiting + receive;
    }
  }

  /** Writes the HAR document for these events (any order; non-network events other than page views are ignored). */
  public void write(List<Envelope> events, JsonGenerator g) throws IOException {
    List<Event> sorted = new ArrayList<>();
    for (Envelope e : events) {
      sorted.add(e.event());
    }
    sorted.sort(Comparator.comparingLong(Event::ts));
    List<Page> pages = pages(sorted);
    Map<String, List<Event>> resources = new HashMap<>();
    Map<String, List<Event>> sockets = new java.util.LinkedHashMap<>();
    for (Event e : sorted) {
      if (e.data() == null) {
        continue;
      }
      if (e.type().equals("network.resource") && e.data().hasNonNull("url")) {
        resources.computeIfAbsent(sessionKey(e, e.data().get("url").asText()), u -> new ArrayList<>()).add(e);
      } else if (e.category() == dev.loupe.event.Category.WEBSOCKET) {
        String id = text(e.data(), "connection_id", text(e.data(), "url", "unknown"));
        sockets.computeIfAbsent(sessionKey(e, id), k -> new ArrayList<>()).add(e);
      }
    }
    g.writeStartObject();
    g.writeObjectFieldStart("log");
    g.writeStringField("version", "1.2");
    g.writeObjectFieldStart("creator");
    g.writeStringField("name", "Loupe");
    g.writeStringField("version", creatorVersion);
    g.writeEndObject();
    g.writeArrayFieldStart("pages");
    for (Page p : pages) {
      g.writeStartObject();
      g.writeStringField("startedDateTime", iso(p.ts()));
      g.writeStringField("id", p.id());
      g.writeStringField("title", p.title() != null ? p.title() : p.url() != null ? p.url() : p.id());
      g.writeObjectFieldStart("pageTimings");
      g.writeNumberField("onContentLoad", -1);
      g.writeNumberField("onLoad", -1);
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("entries");
    for (Event e : sorted) {
      if (e.type().equals("network.request") && e.data() != null && e.data().hasNonNull("url")) {
        writeRequest(g, e, pageOf(pages, e.sessionId(), startOf(e)), resources);
      }
    }
    for (List<Event> socket : sockets.values()) {
      writeWebSocket(g, socket, pages);
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }

  private static List<Page> pages(List<Event> sorted) {
    List<Page> pages = new ArrayList<>();
    for (Event e : sorted) {
      if (e.type().equals("page.view")) {
        String url = e.data() == null ? e.url() : text(e.data(), "url", e.url());
        pages.add(new Page("page_" + (pages.size() + 1), e.sessionId(), e.ts(), url,
            e.data() == null ? null : text(e.data(), "title", null)));
      }
    }
    return pages;
  }

  /**
   * The page an entry of {@code sessionId} at {@code ts} belongs to: the latest of that session's
   * pages viewed by then, else its first. Pages of other sessions (a HAR across sessions holds
   * concurrent visitors) never count.
   */
  private static String pageOf(List<Page> pages, String sessionId, long ts) {
    String id = null;
    String first = null;
    for (Page p : pages) {
      if (!java.util.Objects.equals(p.sessionId(), sessionId)) {
        continue;
      }
      if (first == null) {
        first = p.id();
      }
      if (p.ts() <= ts) {
        id = p.id();
      }
    }
    return id != null ? id : first;
  }

  /**
   * Resource timings and WebSocket connections are matched within their session only: a HAR
   * across sessions holds concurrent visitors, whose URLs and connection ids (counted per page by
   * the SDK) coincide.
   */
  private static String sessionKey(Event e, String key) {
    return e.sessionId() + " " + key;
  }

  private static long startOf(Event e) {
    JsonNode started = e.data().get("started_at");
    return started != null && started.canConvertToLong() && started.asLong() > 0 ? started.asLong() : e.ts();
  }

  private void writeRequest(JsonGenerator g, Event e, String pageRef, Map<String, List<Event>> resources)
      throws IOException {
    ObjectNode d = e.data();
    String url = d.get("url").asText();
    long start = startOf(e);
    Phases phases = phases(d, resources.get(sessionKey(e, url)), start);
    g.writeStartObject();
    if (pageRef != null) {
      g.writeStringField("pageref", pageRef);
    }
    g.writeStringField("startedDateTime", iso(start));
    g.writeNumberField("time", round(phases.total()));
    g.writeObjectFieldStart("request");
    g.writeStringField("method", text(d, "method", "GET"));
    g.writeStringField("url", url);
    g.writeStringField("httpVersion", httpVersion(d));
    g.writeArrayFieldStart("cookies");
    g.writeEndArray();
    writeHeaders(g, d.get("request_headers"));
    writeQuery(g, url);
    String requestBody = text(d, "request_body", null);
    if (requestBody != null) {
      g.writeObjectFieldStart("postData");
      g.writeStringField("mimeType", header(d.get("request_headers"), "content-type", "application/octet-stream"));
      g.writeStringField("text", requestBody);
      g.writeArrayFieldStart("params");
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeNumberField("headersSize", -1);
    g.writeNumberField("bodySize", size(d, "request_body_size", requestBody));
    g.writeEndObject();

    String responseBody = text(d, "response_body", null);
    int status = d.path("status").asInt(0);
    g.writeObjectFieldStart("response");
    g.writeNumberField("status", status);
    g.writeStringField("statusText", text(d, "status_text", ""));
    g.writeStringField("httpVersion", httpVersion(d));
    g.writeArrayFieldStart("cookies");
    g.writeEndArray();
    writeHeaders(g, d.get("response_headers"));
    g.writeObjectFieldStart("content");
    long bodySize = size(d, "response_body_size", responseBody);
    g.writeNumberField("size", Math.max(0, bodySize));
    g.writeStringField("mimeType", text(d, "content_type",
        header(d.get("response_headers"), "content-type", "x-unknown")));
    if (responseBody != null) {
      g.writeStringField("text", responseBody);
    }
    g.writeEndObject();
    g.writeStringField("redirectURL", header(d.get("response_headers"), "location", ""));
    g.writeNumberField("headersSize", -1);
    g.writeNumberField("bodySize", bodySize);
    if (d.hasNonNull("error")) {
      g.writeStringField("_error", d.get("error").asText());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("cache");
    g.writeEndObject();
    writeTimings(g, phases);
    g.writeStringField("_resourceType", text(d, "initiator", "fetch"));
    g.writeEndObject();
  }

  private void writeWebSocket(JsonGenerator g, List<Event> socket, List<Page> pages) throws IOException {
    Event first = socket.get(0);
    String url = text(first.data(), "url", "ws://unknown/");
    g.writeStartObject();
    String pageRef = pageOf(pages, first.sessionId(), first.ts());
    if (pageRef != null) {
      g.writeStringField("pageref", pageRef);
    }
    g.writeStringField("startedDateTime", iso(first.ts()));
    g.writeNumberField("time", 0);
    g.writeObjectFieldStart("request");
    g.writeStringField("method", "GET");
    g.writeStringField("url", url);
    g.writeStringField("httpVersion", "HTTP/1.1");
    g.writeArrayFieldStart("cookies");
    g.writeEndArray();
    g.writeArrayFieldStart("headers");
    g.writeEndArray();
    writeQuery(g, url);
    g.writeNumberField("headersSize", -1);
    g.writeNumberField("bodySize", 0);
    g.writeEndObject();
    g.writeObjectFieldStart("response");
    g.writeNumberField("status", 101);
    g.writeStringField("statusText", "Switching Protocols");
    g.writeStringField("httpVersion", "HTTP/1.1");
    g.writeArrayFieldStart("cookies");
    g.writeEndArray();
    g.writeArrayFieldStart("headers");
    g.writeEndArray();
    g.writeObjectFieldStart("content");
    g.writeNumberField("size", 0);
    g.writeStringField("mimeType", "x-unknown");
    g.writeEndObject();
    g.writeStringField("redirectURL", "");
    g.writeNumberField("headersSize", -1);
    g.writeNumberField("bodySize", 0);
    g.writeEndObject();
    g.writeObjectFieldStart("cache");
    g.writeEndObject();
    writeTimings(g, new Phases(-1, -1, -1, -1, 0, 0, 0));
    g.writeStringField("_resourceType", "websocket");
    g.writeArrayFieldStart("_webSocketMessages");
    for (Event e : socket) {
      if (!e.type().equals("websocket.message")) {
        continue;
      }
      boolean binary = e.data().path("binary").asBoolean(false);
      g.writeStartObject();
      g.writeStringField("type", "sent".equals(text(e.data(), "direction", "")) ? "send" : "receive");
      g.writeNumberField("time", e.ts() / 1_000_000.0);
      g.writeNumberField("opcode", binary ? 2 : 1);
      g.writeStringField("data", binary ? "" : text(e.data(), "preview", ""));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static Phases phases(ObjectNode d, List<Event> resources, long start) {
    double duration = Math.max(0, d.path("duration_ms").asDouble(0));
    JsonNode t = d.get("timing");
    if (t == null || !t.isObject()) {
      Event match = nearest(resources, start);
      t = match == null ? null : match.data().get("timing");
    }
    if (t != null && t.isObject()) {
      double dns = t.path("dns_ms").asDouble(-1);
      double connect = t.path("connect_ms").asDouble(-1);
      double ssl = t.path("tls_ms").asDouble(-1);
      double wait = Math.max(0, t.path("ttfb_ms").asDouble(0));
      double receive = Math.max(0, t.path("download_ms").asDouble(0));
      double known = Math.max(0, dns) + Math.max(0, connect) + wait + receive;
      double blocked = duration > known ? duration - known : -1;
      return new Phases(blocked, dns, connect, ssl, 0, wait, receive);
    }
    return new Phases(-1, -1, -1, -1, 0, duration, 0);
  }

  private static Event nearest(List<Event> resources, long start) {
    if (resources == null) {
      return null;
    }
    Event best = null;
    long bestDistance = Long.MAX_VALUE;
    for (Event r : resources) {
      long distance = Math.abs(r.ts() - start);
      if (r.data().has("timing") && distance < bestDistance) {
        best = r;
        bestDistance = distance;
      }
    }
    return bestDistance <= 60_000_000L ? best : null;
  }

  private static void writeTimings(JsonGenerator g, Phases p) throws IOException {
    g.writeObjectFieldStart("timings");
    g.writeNumberField("blocked", round(p.blocked()));
    g.writeNumberField("dns", round(p.dns()));
    g.writeNumberField("connect", round(p.connect()));
    g.writeNumberField("send", round(p.send()));
    g.writeNumberField("wait", round(p.waiting()));
    g.writeNumberField("receive", round(p.receive()));
    g.writeNumberField("ssl", round(p.ssl()));
    g.writeEndObject();
  }

  private static void writeHeaders(JsonGenerator g, JsonNode headers) throws IOException {
    g.writeArrayFieldStart("headers");
    if (headers != null && headers.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> h = it.next();
        g.writeStartObject();
        g.writeStringField("name", h.getKey());
        g.writeStringField("value", h.getValue().isTextual() ? h.getValue().textValue() : h.getValue().toString());
        g.writeEndObject();
      }
    }
    g.writeEndArray();
  }

  private static void writeQuery(JsonGenerator g, String url) throws IOException {
    g.writeArrayFieldStart("queryString");
    int q = url.indexOf('?');
    if (q >= 0) {
      int hash = url.indexOf('#', q);
      String query = url.substring(q + 1, hash < 0 ? url.length() : hash);
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        g.writeStartObject();
        g.writeStringField("name", decode(eq < 0 ? pair : pair.substring(0, eq)));
        g.writeStringField("value", eq < 0 ? "" : decode(pair.substring(eq + 1)));
        g.writeEndObject();
      }
    }
    g.writeEndArray();
  }

  private static String decode(String s) {
    try {
      return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static String httpVersion(ObjectNode d) {
    String protocol = text(d, "protocol", "");
    return switch (protocol) {
      case "h2" -> "HTTP/2.0";
      case "h3", "http3" -> "HTTP/3";
      case "http/1.0" -> "HTTP/1.0";
      default -> "HTTP/1.1";
    };
  }

  private static long size(ObjectNode d, String field, String body) {
    JsonNode n = d.get(field);
    if (n != null && n.canConvertToLong()) {
      return n.asLong();
    }
    return body == null ? -1 : body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  private static String header(JsonNode headers, String name, String fallback) {
    if (headers != null && headers.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> h = it.next();
        if (h.getKey().equalsIgnoreCase(name) && h.getValue().isTextual()) {
          return h.getValue().textValue();
        }
      }
    }
    return fallback;
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isTextual() ? v.textValue() : fallback;
  }

  private static double round(double ms) {
    return ms < 0 ? -1 : Math.round(ms * 1000) / 1000.0;
  }

  private static String iso(long micros) {
    return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000).toString();
  }
}
