package dev.loupe.server.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.drop.Drops;
import dev.loupe.event.Envelope;
import dev.loupe.event.EventJson;
import dev.loupe.pipeline.Gap;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.server.auth.AdminGuard;
import dev.loupe.server.http.ApiError;
import dev.loupe.server.http.ErrorResponses;
import dev.loupe.server.http.JsonBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/stream} (Server-Sent Events) and {@code GET /v1/stream/ws} (WebSocket): the live
 * stream with selectors, resume from a seq, explicit gaps and keep-alives. Each subscriber runs on
 * its own thread with its own reader (see {@link Subscription}).
 *
 * <p>SSE is written straight to the response stream of a plain GET route rather than through
 * Javalin's SSE support, which only answers clients that send {@code Accept: text/event-stream}.
 */
public final class StreamRoutes implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamRoutes.class);
  private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

  private final Pipeline pipeline;
  private final AdminGuard guard;
  private final Drops drops;
  private final int maxLag;
  private final Duration keepAlive;
  private final Map<WsContext, WsSubscriber> sockets = new ConcurrentHashMap<>();
  private final java.util.Set<Subscription> active = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public StreamRoutes(Pipeline pipeline, AdminGuard guard, Drops drops, int maxLag, Duration keepAlive) {
    this.pipeline = pipeline;
    this.guard = guard;
    this.drops = drops;
    this.maxLag = maxLag;
    this.keepAlive = keepAlive;
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/stream", this::sse);
    routes.ws("/v1/stream/ws", this::websocket);
  }

  /** Subscribers connected right now (SSE and WebSocket). */
  public int subscribers() {
    return active.size();
  }

  /** Ends every subscription (on shutdown, so that open streams do not hold the server up). */
  @Override
  public void close() {
    closed = true;
    active.forEach(Subscription::stop);
  }

  private void runTracked(Subscription subscription, StreamSink sink) throws IOException, InterruptedException {
    active.add(subscription);
    try {
      if (!closed) {
        subscription.run(sink);
      }
    } finally {
      active.remove(subscription);
    }
  }

  // ---- Server-Sent Events -------------------------------------------------------------------

  private void sse(Context ctx) throws Exception {
    guard.requireForStream(ctx);
    StreamSelectors selectors = StreamSelectors.fromQuery(ctx.queryParamMap());
    Long afterSeq = position(ctx.queryParam("after_seq"), ctx.header("Last-Event-ID"));
    // Made before the response begins: a live subscription starts at the head as of now, and a
    // client that sees the stream open may post at once.
    Subscription subscription = new Subscription(pipeline, drops, selectors, afterSeq, maxLag, keepAlive);
    ctx.status(200);
    ctx.res().setContentType("text/event-stream;charset=UTF-8");
    ctx.res().setHeader("Cache-Control", "no-cache, no-transform");
    ctx.res().setHeader("X-Accel-Buffering", "no");
    OutputStream out = ctx.res().getOutputStream();
    out.write("retry: 2000\n: connected\n\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    try {
      runTracked(subscription, new SseSink(out));
    } catch (IOException clientGone) {
      LOG.debug("stream subscriber left: {}", clientGone.toString());
    }
  }

  /** Where to start: {@code after_seq}, else {@code Last-Event-ID}, else null (live). */
  static Long position(String afterSeq, String lastEventId) {
    String raw = afterSeq != null ? afterSeq : lastEventId;
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      long seq = Long.parseLong(raw.trim());
      if (seq < 0) {
        throw new NumberFormatException();
      }
      return seq;
    } catch (NumberFormatException e) {
      throw ApiError.badParameter(afterSeq != null ? "after_seq" : "Last-Event-ID", "must be a seq (a whole number ≥ 0)");
    }
  }

  private static final class SseSink implements StreamSink {
    private final OutputStream out;

    SseSink(OutputStream out) {
      this.out = out;
    }

    @Override
    public void event(Envelope envelope) throws IOException {
      out.write(("id: " + envelope.seq() + "\ndata: ").getBytes(StandardCharsets.US_ASCII));
      out.write(envelope.toJson());
      out.write('\n');
      out.write('\n');
    }

    @Override
    public void gap(Gap gap) throws IOException {
      // The gap's id lets a reconnecting EventSource resume after it.
      out.write(("id: " + gap.to() + "\nevent: gap\ndata: ").getBytes(StandardCharsets.US_ASCII));
      out.write(gapJson(gap));
      out.write('\n');
      out.write('\n');
    }

    @Override
    public void keepAlive() throws IOException {
      out.write(KEEP_ALIVE);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }
  }

  static byte[] gapJson(Gap gap) {
    return JsonBody.bytes(g -> {
      g.writeStartObject();
      g.writeNumberField("from", gap.from());
      g.writeNumberField("to", gap.to());
      g.writeNumberField("count", gap.count());
      g.writeStringField("reason", gap.reason().wireName());
      g.writeEndObject();
    });
  }

  // ---- WebSocket ----------------------------------------------------------------------------

  private void websocket(WsConfig ws) {
    ws.onConnect(ctx -> {
      if (!authorised(ctx)) {
        ctx.send("{\"error\":\"unauthorized\",\"message\":\"send ?token= from POST /v1/stream/token\"}");
        ctx.closeSession(1008, "unauthorized");
        return;
      }
      ctx.enableAutomaticPings(15, java.util.concurrent.TimeUnit.SECONDS);
      WsSubscriber s = new WsSubscriber(ctx);
      sockets.put(ctx, s);
      StreamSelectors selectors;
      Long afterSeq;
      try {
        selectors = StreamSelectors.fromQuery(ctx.queryParamMap());
        afterSeq = position(ctx.queryParam("after_seq"), null);
      } catch (ApiError e) {
        s.error(e);
        selectors = StreamSelectors.ALL;
        afterSeq = null;
      }
      s.start(selectors, afterSeq);
    });
    ws.onMessage(ctx -> {
      WsSubscriber s = sockets.get(ctx);
      if (s != null) {
        s.handle(ctx.message());
      }
    });
    ws.onClose(ctx -> stop(ctx));
    ws.onError(ctx -> stop(ctx));
  }

  private void stop(WsContext ctx) {
    WsSubscriber s = sockets.remove(ctx);
    if (s != null) {
      s.stop();
    }
  }

  private boolean authorised(WsContext ctx) {
    return guard.streamRefusal(ctx.queryParam("token"), ctx.header("Authorization")) == null;
  }

  /** One WebSocket subscriber: its subscription thread and its control messages. */
  private final class WsSubscriber implements StreamSink {
    private final WsContext ctx;
    private Subscription subscription;
    private Thread thread;

    WsSubscriber(WsContext ctx) {
      this.ctx = ctx;
    }

    void start(StreamSelectors selectors, Long afterSeq) {
      subscription = new Subscription(pipeline, drops, selectors, afterSeq, maxLag, keepAlive);
      thread = new Thread(() -> {
        try {
          runTracked(subscription, this);
        } catch (Exception gone) {
          LOG.debug("websocket subscriber left: {}", gone.toString());
        }
      }, "loupe-stream-ws");
      thread.setDaemon(true);
      thread.start();
      acknowledge(selectors, afterSeq);
    }

    void handle(String message) {
      try {
        JsonNode m = EventJson.mapper().readTree(message);
        String op = m == null ? null : m.path("op").asText(null);
        if ("subscribe".equals(op)) {
          StreamSelectors selectors = StreamSelectors.fromJson(m.get("selectors"));
          Long afterSeq = m.hasNonNull("after_seq") ? position(m.get("after_seq").asText(), null) : null;
          subscription.change(selectors, afterSeq);
          acknowledge(selectors, afterSeq);
        } else if ("unsubscribe".equals(op)) {
          subscription.pause();
          send("{\"unsubscribed\":true}");
        } else {
          throw ApiError.badParameter("op", "must be subscribe or unsubscribe");
        }
      } catch (ApiError e) {
        error(e);
      } catch (IOException | RuntimeException e) {
        error(new ApiError(400, "malformed_json", "messages must be JSON such as {\"op\": \"subscribe\"}"));
      }
    }

    private void acknowledge(StreamSelectors selectors, Long afterSeq) {
      send(new String(JsonBody.bytes(g -> {
        g.writeStartObject();
        g.writeObjectFieldStart("subscribed");
        g.writeNumberField("categories", selectors.categories().size());
        g.writeNumberField("types", selectors.types().size());
        g.writeNumberField("session_ids", selectors.sessionIds().size());
        g.writeEndObject();
        if (afterSeq != null) {
          g.writeNumberField("after_seq", afterSeq);
        } else {
          g.writeNullField("after_seq");
        }
        g.writeEndObject();
      }), StandardCharsets.UTF_8));
    }

    void error(ApiError e) {
      send(new String(ErrorResponses.json(e.code(), e.getMessage()), StandardCharsets.UTF_8));
    }

    private void send(String text) {
      synchronized (this) {
        if (ctx.session.isOpen()) {
          ctx.send(text);
        }
      }
    }

    void stop() {
      if (subscription != null) {
        subscription.stop();
      }
      if (thread != null) {
        thread.interrupt();
      }
    }

    @Override
    public void event(Envelope envelope) throws IOException {
      sendOrFail(new String(envelope.toJson(), StandardCharsets.UTF_8));
    }

    @Override
    public void gap(Gap gap) throws IOException {
      sendOrFail("{\"gap\":" + new String(gapJson(gap), StandardCharsets.UTF_8) + "}");
    }

    @Override
    public void keepAlive() {
      // WebSocket pings keep the connection alive.
    }

    @Override
    public void flush() {
      // Each message is sent whole.
    }

    private void sendOrFail(String text) throws IOException {
      synchronized (this) {
        if (!ctx.session.isOpen()) {
          throw new IOException("websocket closed");
        }
        ctx.send(text);
      }
    }
  }
}
