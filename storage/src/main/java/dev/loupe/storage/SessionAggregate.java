package dev.loupe.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.event.Category;
import dev.loupe.event.Envelope;
import dev.loupe.event.EventHead;
import dev.loupe.event.Event;

/**
 * A session being folded from its events; the one place that says how events become sessions,
 * used by every backend (the SQL backends load the stored row, fold the batch's new events into
 * it and write it back in the same transaction).
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>{@code started_at} is the smallest event ts, {@code last_activity_at} the largest.</li>
 *   <li>{@code ended_at} is the largest ts of a {@code session.end}. {@code page.unload} does not
 *       end a session: it fires on every page change of a multi-page session.</li>
 *   <li>{@code page_url} is the URL of the session's earliest event that names one
 *       ({@code session.start}'s {@code data.page_url}, {@code page.view}'s {@code data.url}, else
 *       the event's {@code url}); ties keep what is stored.</li>
 *   <li>{@code referrer}, {@code user_agent}, {@code device_type}, {@code browser}, {@code os},
 *       viewport and screen sizes come from {@code session.start}; once set they are kept.</li>
 *   <li>{@code user_id} comes from {@code session.start} or {@code session.identify}; the last one
 *       written wins (a user who logs in mid-session).</li>
 *   <li>Counts: every event; errors = category {@code error} plus {@code console.error} and
 *       {@code log.error} (what a person looking for "sessions with errors" means — an app's own
 *       error log or a console error is an error even when nothing was thrown); pages =
 *       {@code page.view}; screenshots = {@code screenshot.capture}. {@code has_errors} is
 *       {@code error_count > 0}.</li>
 * </ul>
 * Events without a session id never reach an aggregate. Idempotency is the caller's duty: fold each
 * seq once.
 */
public final class SessionAggregate {
  private final String sessionId;
  private String project;
  private long startedAt = Long.MAX_VALUE;
  private long lastActivityAt = Long.MIN_VALUE;
  private Long endedAt;
  private String pageUrl;
  private long pageUrlTs = Long.MAX_VALUE;
  private String referrer;
  private String userAgent;
  private String deviceType;
  private String browser;
  private String os;
  private Integer viewportWidth;
  private Integer viewportHeight;
  private Integer screenWidth;
  private Integer screenHeight;
  private String userId;
  private long eventCount;
  private long errorCount;
  private long pageCount;
  private long screenshotCount;

  private SessionAggregate(String sessionId) {
    this.sessionId = sessionId;
  }

  /** An empty aggregate for a session not stored yet. */
  public static SessionAggregate empty(String sessionId) {
    return new SessionAggregate(sessionId);
  }

  /**
   * An aggregate continuing a stored session.
   *
   * @param pageUrlTs the ts of the event that gave the stored page URL
   */
  public static SessionAggregate restore(Session s, long pageUrlTs) {
    SessionAggregate a = new SessionAggregate(s.sessionId());
    a.project = s.project();
    a.startedAt = s.startedAt();
    a.lastActivityAt = s.lastActivityAt();
    a.endedAt = s.endedAt();
    a.pageUrl = s.pageUrl();
    a.pageUrlTs = s.pageUrl() == null ? Long.MAX_VALUE : pageUrlTs;
    a.referrer = s.referrer();
    a.userAgent = s.userAgent();
    a.deviceType = s.deviceType();
    a.browser = s.browser();
    a.os = s.os();
    a.viewportWidth = s.viewportWidth();
    a.viewportHeight = s.viewportHeight();
    a.screenWidth = s.screenWidth();
    a.screenHeight = s.screenHeight();
    a.userId = s.userId();
    a.eventCount = s.eventCount();
    a.errorCount = s.errorCount();
    a.pageCount = s.pageCount();
    a.screenshotCount = s.screenshotCount();
    return a;
  }

  private static final java.util.Set<String> NEEDS_DATA = java.util.Set.of("page.view", "session.identify",
      "session.start");

  /** Whether the event counts as an error of its session. */
  public static boolean isError(Event e) {
    return isError(e.category(), e.type());
  }

  static boolean isError(Category category, String type) {
    return category == Category.ERROR || type.equals("console.error") || type.equals("log.error");
  }

  /** Folds in one event of this session. Only the types whose data matter have their data decoded. */
  public void add(Envelope envelope) {
    EventHead e = envelope.head();
    if (project == null) {
      project = envelope.project();
    }
    startedAt = Math.min(startedAt, e.ts());
    lastActivityAt = Math.max(lastActivityAt, e.ts());
    eventCount++;
    if (isError(e.category(), e.type())) {
      errorCount++;
    }
    ObjectNode data = NEEDS_DATA.contains(e.type()) ? envelope.event().data() : null;
    String url = e.url();
    switch (e.type()) {
      case "page.view" -> {
        pageCount++;
        url = firstNonNull(text(data, "url"), url);
      }
      case "screenshot.capture" -> screenshotCount++;
      case "session.end" -> endedAt = endedAt == null ? e.ts() : Math.max(endedAt, e.ts());
      case "session.identify" -> userId = firstNonNull(text(data, "user_id"), userId);
      case "session.start" -> {
        url = firstNonNull(text(data, "page_url"), url);
        userId = firstNonNull(text(data, "user_id"), userId);
        referrer = firstNonNull(referrer, text(data, "referrer"));
        userAgent = firstNonNull(userAgent, text(data, "user_agent"));
        deviceType = firstNonNull(deviceType, text(data, "device_type"));
        browser = firstNonNull(browser, text(data, "browser"));
        os = firstNonNull(os, text(data, "os"));
        viewportWidth = firstNonNull(viewportWidth, integer(data, "viewport_width"));
        viewportHeight = firstNonNull(viewportHeight, integer(data, "viewport_height"));
        screenWidth = firstNonNull(screenWidth, integer(data, "screen_width"));
        screenHeight = firstNonNull(screenHeight, integer(data, "screen_height"));
      }
      default -> { }
    }
    if (url != null && e.ts() < pageUrlTs) {
      pageUrl = url;
      pageUrlTs = e.ts();
    }
  }

  public String sessionId() {
    return sessionId;
  }

  /** The ts of the event that gave {@code page_url} (stored beside it; Long.MAX_VALUE when none). */
  public long pageUrlTs() {
    return pageUrlTs;
  }

  public Session toSession() {
    return new Session(sessionId, project, startedAt, lastActivityAt, endedAt, pageUrl, referrer, userAgent,
        deviceType, browser, os, viewportWidth, viewportHeight, screenWidth, screenHeight, userId, eventCount,
        errorCount, pageCount, screenshotCount);
  }

  private static <T> T firstNonNull(T a, T b) {
    return a != null ? a : b;
  }

  private static String text(ObjectNode data, String field) {
    JsonNode n = data == null ? null : data.get(field);
    return n != null && n.isTextual() ? n.textValue() : null;
  }

  private static Integer integer(ObjectNode data, String field) {
    JsonNode n = data == null ? null : data.get(field);
    return n != null && n.canConvertToInt() && n.isNumber() ? n.intValue() : null;
  }
}
