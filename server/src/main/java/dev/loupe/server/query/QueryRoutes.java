package dev.loupe.server.query;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.loupe.event.Category;
import dev.loupe.event.Envelope;
import dev.loupe.event.EventJson;
import dev.loupe.server.auth.AdminGuard;
import dev.loupe.server.har.HarBuilder;
import dev.loupe.server.http.ApiError;
import dev.loupe.server.http.JsonBody;
import dev.loupe.storage.EventFilter;
import dev.loupe.storage.Page;
import dev.loupe.storage.ScreenshotImage;
import dev.loupe.storage.ScreenshotInfo;
import dev.loupe.storage.Session;
import dev.loupe.storage.SessionFilter;
import dev.loupe.storage.SessionSort;
import dev.loupe.storage.Storage;
import dev.loupe.storage.StorageException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The read API over the store (admin only): sessions, events, screenshots and HAR in the native
 * shapes, and seed 002's read routes in its own. Every filter is handed to the storage SPI, whose
 * SQL binds every value; a parameter the store refuses is a 400 naming it.
 */
public final class QueryRoutes {
  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  /** Most events a HAR export reads. */
  private static final int HAR_MAX_EVENTS = 100_000;

  private final Storage storage;
  private final AdminGuard guard;
  private final HarBuilder har;

  public QueryRoutes(Storage storage, AdminGuard guard, String version) {
    this.storage = storage;
    this.guard = guard;
    this.har = new HarBuilder(version);
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/sessions", admin(this::sessions));
    routes.get("/v1/sessions/{id}", admin(this::session));
    routes.get("/v1/sessions/{id}/events", admin(ctx -> events(ctx, sessionId(ctx))));
    routes.get("/v1/events", admin(ctx -> events(ctx, optionalSessionId(ctx))));
    routes.get("/v1/sessions/{id}/screenshots", admin(this::screenshots));
    routes.get("/v1/screenshots/{id}", admin(this::screenshot));
    routes.get("/v1/sessions/{id}/har", admin(ctx -> har(ctx, sessionId(ctx))));
    routes.get("/v1/har", admin(ctx -> har(ctx, null)));
    routes.get("/api/v1/sessions", admin(this::seedSessions));
    routes.get("/api/v1/sessions/{id}", admin(this::seedSession));
    routes.get("/api/v1/sessions/{id}/events", admin(this::seedEvents));
    routes.get("/api/v1/sessions/{id}/screenshots", admin(this::seedScreenshots));
  }

  private Handler admin(Handler handler) {
    return ctx -> {
      guard.require(ctx);
      ctx.header("Cache-Control", "no-store");
      try {
        handler.handle(ctx);
      } catch (IllegalArgumentException e) {
        throw ApiError.badParameter(parameterOf(e), e.getMessage());
      } catch (StorageException e) {
        throw new ApiError(503, "unavailable", "the store cannot answer right now: " + e.getMessage(),
            Duration.ofSeconds(5));
      }
    };
  }

  /** The parameter a storage refusal is about, from its message (records name their fields first). */
  private static String parameterOf(IllegalArgumentException e) {
    String m = String.valueOf(e.getMessage());
    for (String p : List.of("cursor", "sort", "limit", "offset", "type", "q")) {
      if (m.startsWith(p + " ") || m.contains(" " + p + " ")) {
        return p;
      }
    }
    return "query";
  }

  // ---- sessions ------------------------------------------------------------------------------

  private SessionFilter sessionFilter(QueryParams q, boolean offsetPaging) {
    SessionFilter.Builder b = SessionFilter.builder()
        .from(q.time("from"))
        .to(q.time("to"))
        .userId(q.text("user_id"))
        .urlContains(q.text("url"))
        .hasErrors(q.bool("has_errors"))
        .limit(q.integer("limit", SessionFilter.DEFAULT_LIMIT, 1, SessionFilter.MAX_LIMIT));
    String sort = q.text("sort");
    if (sort != null) {
      try {
        b.sort(SessionSort.fromWireName(sort));
      } catch (IllegalArgumentException e) {
        throw ApiError.badParameter("sort", e.getMessage());
      }
    }
    if (offsetPaging) {
      b.offset(q.integer("offset", 0, 0, Integer.MAX_VALUE));
    } else if (q.text("cursor") != null) {
      b.cursor(q.text("cursor"));
    }
    return b.build();
  }

  private void sessions(Context ctx) {
    Page<Session> page;
    try {
      page = storage.sessions().list(sessionFilter(new QueryParams(ctx), false));
    } catch (IllegalArgumentException e) {
      throw ApiError.badParameter("cursor", e.getMessage());
    }
    JsonBody.send(ctx, 200, g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("data");
      for (Session s : page.data()) {
        SessionJson.write(g, s);
      }
      g.writeEndArray();
      g.writeNumberField("total", page.total());
      g.writeStringField("next_cursor", page.nextCursor());
      g.writeEndObject();
    });
  }

  private Session existing(String id) {
    return storage.sessions().get(id).orElseThrow(() -> ApiError.notFound("no session " + id));
  }

  private void session(Context ctx) {
    Session s = existing(sessionId(ctx));
    JsonBody.send(ctx, 200, g -> SessionJson.write(g, s));
  }

  // ---- events --------------------------------------------------------------------------------

  private EventFilter eventFilter(QueryParams q, String sessionId, int defaultLimit) {
    EventFilter.Builder b = EventFilter.builder()
        .sessionId(sessionId)
        .from(q.time("from"))
        .to(q.time("to"))
        .afterSeq(q.seq("after_seq"))
        .q(q.text("q"))
        .limit(q.integer("limit", defaultLimit, 1, EventFilter.MAX_LIMIT));
    for (String c : q.list("category")) {
      Category category = Category.fromWireName(c);
      if (category == null) {
        throw ApiError.badParameter("category", "'" + c + "' is not a category");
      }
      b.category(category);
    }
    for (String t : q.list("type")) {
      try {
        b.type(t);
      } catch (IllegalArgumentException e) {
        throw ApiError.badParameter("type", e.getMessage());
      }
    }
    String cursor = q.text("cursor");
    if (cursor != null) {
      b.cursor(q.seq("cursor"));
    }
    return b.build();
  }

  private void events(Context ctx, String sessionId) {
    Page<Envelope> page = storage.events().list(eventFilter(new QueryParams(ctx), sessionId, EventFilter.DEFAULT_LIMIT));
    sendEnvelopes(ctx, page);
  }

  /** Writes envelopes as stored (their JSON is passed through, not re-encoded). */
  private static void sendEnvelopes(Context ctx, Page<Envelope> page) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(page.data().size() * 700 + 64);
    out.writeBytes("{\"data\":[".getBytes(StandardCharsets.US_ASCII));
    boolean first = true;
    for (Envelope e : page.data()) {
      if (!first) {
        out.write(',');
      }
      out.writeBytes(e.toJson());
      first = false;
    }
    out.writeBytes(("],\"total\":" + page.total() + ",\"next_cursor\":"
        + (page.nextCursor() == null ? "null" : "\"" + page.nextCursor() + "\"") + "}")
        .getBytes(StandardCharsets.US_ASCII));
    ctx.status(200).contentType("application/json").result(out.toByteArray());
  }

  // ---- screenshots ---------------------------------------------------------------------------

  private void screenshots(Context ctx) {
    QueryParams q = new QueryParams(ctx);
    Page<ScreenshotInfo> page = storage.screenshots().bySession(sessionId(ctx), q.integer("limit", 1000, 1, 10_000),
        q.integer("offset", 0, 0, Integer.MAX_VALUE));
    JsonBody.send(ctx, 200, g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("data");
      for (ScreenshotInfo s : page.data()) {
        writeScreenshot(g, s);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("total", page.total());
      g.writeEndObject();
    });
  }

  private static void writeScreenshot(JsonGenerator g, ScreenshotInfo s) throws IOException {
    g.writeStartObject();
    g.writeNumberField("screenshot_id", s.screenshotId());
    g.writeStringField("session_id", s.sessionId());
    g.writeNumberField("ts", s.ts());
    g.writeStringField("page_url", s.pageUrl());
    g.writeStringField("format", s.format());
    if (s.width() != null) {
      g.writeNumberField("width", s.width());
    }
    if (s.height() != null) {
      g.writeNumberField("height", s.height());
    }
    g.writeNumberField("size", s.size());
  }

  private void screenshot(Context ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw ApiError.notFound("no screenshot " + ctx.pathParam("id"));
    }
    ScreenshotImage image = storage.screenshots().image(id)
        .orElseThrow(() -> ApiError.notFound("no screenshot " + id));
    ctx.status(200).contentType(image.contentType()).header("Content-Disposition", "inline")
        .result(image.bytes());
  }

  // ---- HAR -----------------------------------------------------------------------------------

  private void har(Context ctx, String sessionId) throws IOException {
    QueryParams q = new QueryParams(ctx);
    if (sessionId != null) {
      existing(sessionId);
    } else if (q.time("from") == null || q.time("to") == null) {
      throw ApiError.badParameter("from", "and to are required for a HAR across sessions");
    }
    List<Envelope> events = new ArrayList<>();
    Long cursor = null;
    while (events.size() < HAR_MAX_EVENTS) {
      EventFilter.Builder b = eventFilter(q, sessionId, EventFilter.MAX_LIMIT).toBuilder()
          .category(Category.NETWORK).category(Category.WEBSOCKET).category(Category.PAGE).limit(EventFilter.MAX_LIMIT);
      if (cursor != null) {
        b.cursor(cursor);
      }
      Page<Envelope> page = storage.events().list(b.build());
      events.addAll(page.data());
      if (page.nextCursor() == null) {
        break;
      }
      cursor = Long.parseLong(page.nextCursor());
    }
    String name = sessionId != null ? "loupe-" + sessionId.replace(':', '_') + ".har" : "loupe.har";
    ctx.status(200).contentType("application/json")
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = EventJson.factory().createGenerator(out)) {
      har.write(events, g);
    }
    ctx.result(out.toByteArray());
  }

  // ---- seed 002 read routes ------------------------------------------------------------------

  private void seedSessions(Context ctx) {
    SessionFilter filter = sessionFilter(new QueryParams(ctx), true);
    Page<Session> page = storage.sessions().list(filter);
    JsonBody.send(ctx, 200, g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("data");
      for (Session s : page.data()) {
        SessionJson.writeSeedRow(g, s);
      }
      g.writeEndArray();
      g.writeNumberField("total", page.total());
      g.writeNumberField("limit", filter.limit());
      g.writeNumberField("offset", filter.offset());
      g.writeEndObject();
    });
  }

  private void seedSession(Context ctx) {
    Session s = existing(sessionId(ctx));
    JsonBody.send(ctx, 200, g -> SessionJson.writeSeedRow(g, s));
  }

  private void seedEvents(Context ctx) {
    String id = sessionId(ctx);
    existing(id);
    QueryParams q = new QueryParams(ctx);
    Page<Envelope> page = storage.events().list(EventFilter.builder().sessionId(id)
        .limit(q.integer("limit", EventFilter.MAX_LIMIT, 1, EventFilter.MAX_LIMIT)).build());
    JsonBody.send(ctx, 200, g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("data");
      for (Envelope e : page.data()) {
        SeedEventJson.write(g, e);
      }
      g.writeEndArray();
      g.writeNumberField("total", page.total());
      g.writeEndObject();
    });
  }

  private void seedScreenshots(Context ctx) {
    String id = sessionId(ctx);
    existing(id);
    QueryParams q = new QueryParams(ctx);
    Page<ScreenshotInfo> page = storage.screenshots().bySession(id, q.integer("limit", 100, 1, 1000),
        q.integer("offset", 0, 0, Integer.MAX_VALUE));
    JsonBody.send(ctx, 200, g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("data");
      for (ScreenshotInfo s : page.data()) {
        g.writeStartObject();
        g.writeNumberField("screenshot_id", s.screenshotId());
        g.writeStringField("session_id", s.sessionId());
        g.writeStringField("page_url", s.pageUrl());
        g.writeStringField("timestamp", SessionJson.iso(s.ts()));
        var image = storage.screenshots().image(s.screenshotId());
        if (image.isPresent()) {
          g.writeStringField("image_data", "data:" + image.get().contentType() + ";base64,"
              + Base64.getEncoder().encodeToString(image.get().bytes()));
        } else {
          g.writeNullField("image_data");
        }
        g.writeStringField("image_format", s.format());
        if (s.width() != null) {
          g.writeNumberField("image_width", s.width());
        }
        if (s.height() != null) {
          g.writeNumberField("image_height", s.height());
        }
        g.writeNumberField("file_size", s.size());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("total", page.total());
      g.writeEndObject();
    });
  }

  // ---- path parameters -----------------------------------------------------------------------

  private static String sessionId(Context ctx) {
    String id = ctx.pathParam("id");
    if (!SESSION_ID.matcher(id).matches()) {
      throw ApiError.notFound("no session " + (id.length() > 64 ? id.substring(0, 64) + "…" : id));
    }
    return id;
  }

  private static String optionalSessionId(Context ctx) {
    String id = ctx.queryParam("session_id");
    if (id == null || id.isEmpty()) {
      return null;
    }
    if (!SESSION_ID.matcher(id).matches()) {
      throw ApiError.badParameter("session_id", "must be 1-128 characters of letters, digits, '.', '_', ':' or '-'");
    }
    return id;
  }
}
