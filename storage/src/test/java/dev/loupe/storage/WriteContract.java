package dev.loupe.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.event.Envelope;
import dev.loupe.event.EventJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Writes: round trips, idempotency by seq, session upserts, checkpoints, screenshots. */
public abstract class WriteContract extends StorageContract {

  private static JsonNode tree(Envelope e) throws Exception {
    return EventJson.mapper().readTree(e.toJson());
  }

  @Test
  void storedEnvelopesReadBackAsWritten() throws Exception {
    List<Envelope> batch = List.of(
        events.sessionStart(now(), "s1", "https://shop.example/", null),
        events.console("warn", now() + 1, "s1", "low stock"),
        events.next("network.request", now() + 2, "s1", "https://shop.example/cart",
            TestEnvelopes.data().put("method", "POST").put("status", 201).put("duration_ms", 12.5)));
    assertThat(write(batch)).isEqualTo(new WriteResult(3, 0));

    Page<Envelope> page = events(EventFilter.builder());
    assertThat(seqs(page)).containsExactly(1L, 2L, 3L);
    for (int i = 0; i < 3; i++) {
      Envelope got = page.data().get(i);
      assertThat(tree(got)).isEqualTo(tree(batch.get(i)));
      assertThat(got.receivedAt()).isEqualTo(batch.get(i).receivedAt());
      assertThat(got.event().type()).isEqualTo(batch.get(i).event().type());
    }
  }

  @Test
  void awkwardStringsSurviveTheRoundTrip() throws Exception {
    String awkward = "tab\there\nnew line\r\\back\\slash \"quoted\" 'single' %_* ünïcødé 日本 😀 \\N";
    Envelope e = events.next("custom.awkward", now(), "s-awk", "https://x.example/?a=1&b=%20",
        TestEnvelopes.data().put("text", awkward).put("big", 12345678901234L));
    write(e);
    Envelope got = events(EventFilter.builder()).data().get(0);
    assertThat(tree(got)).isEqualTo(tree(e));
    assertThat(got.event().data().get("text").textValue()).isEqualTo(awkward);
  }

  @Test
  void eventWithoutDataReadsBackWithNullData() throws Exception {
    Envelope e = events.next("console.log", now(), "s1", null, null);
    write(e);
    Envelope got = events(EventFilter.builder()).data().get(0);
    assertThat(got.event().data()).isNull();
    assertThat(tree(got)).isEqualTo(tree(e));
  }

  @Test
  void rewritingStoredSeqsChangesNothing() {
    List<Envelope> batch = events.consoleRun(5, now(), "s1");
    write(batch);
    List<Envelope> again = new ArrayList<>(batch.subList(2, 5));
    again.add(events.console("error", now() + 10, "s1", "new"));

    WriteResult r = write(again);

    assertThat(r).isEqualTo(new WriteResult(1, 3));
    assertThat(events(EventFilter.builder()).total()).isEqualTo(6);
    Session s = session("s1");
    assertThat(s.eventCount()).isEqualTo(6);
    assertThat(s.errorCount()).isEqualTo(1);
  }

  @Test
  void rewritingAWholeBatchCountsNothingTwice() {
    List<Envelope> batch = events.consoleRun(4, now(), "s1");
    write(batch);
    assertThat(write(batch)).isEqualTo(new WriteResult(0, 4));
    assertThat(session("s1").eventCount()).isEqualTo(4);
  }

  @Test
  void eventsWithoutSessionAreStoredButMakeNoSession() {
    write(events.console("log", now(), null, "no session"));
    assertThat(events(EventFilter.builder()).total()).isEqualTo(1);
    assertThat(sessions(SessionFilter.builder()).total()).isZero();
  }

  @Test
  void sessionIsFoldedFromItsEvents() {
    long t = now();
    write(
        events.sessionStart(t, "s1", "https://shop.example/landing", "anon-1"),
        events.next("page.view", t + 10, "s1", "https://shop.example/landing",
            TestEnvelopes.data().put("url", "https://shop.example/landing")),
        events.console("log", t + 20, "s1", "hello"),
        events.console("error", t + 30, "s1", "boom"),
        events.next("error.uncaught", t + 40, "s1", null, TestEnvelopes.data().put("message", "TypeError")),
        events.next("log.error", t + 50, "s1", null, TestEnvelopes.data().put("message", "payment failed")),
        events.next("log.warn", t + 55, "s1", null, TestEnvelopes.data().put("message", "slow")),
        events.next("page.view", t + 60, "s1", "https://shop.example/cart",
            TestEnvelopes.data().put("url", "https://shop.example/cart")),
        events.next("page.unload", t + 65, "s1"),
        events.next("session.identify", t + 70, "s1", null, TestEnvelopes.data().put("user_id", "user-42")));
    write(List.of(events.screenshot(t + 80, "s1", new byte[] {1, 2, 3})), Map.of());
    write(events.next("session.end", t + 2_000_000, "s1", null, TestEnvelopes.data().put("reason", "logout")));

    Session s = session("s1");
    assertThat(s.project()).isEqualTo("default");
    assertThat(s.startedAt()).isEqualTo(t);
    assertThat(s.lastActivityAt()).isEqualTo(t + 2_000_000);
    assertThat(s.endedAt()).isEqualTo(t + 2_000_000);
    assertThat(s.durationMs()).isEqualTo(2000);
    assertThat(s.pageUrl()).isEqualTo("https://shop.example/landing");
    assertThat(s.referrer()).isEqualTo("https://search.example/?q=shoes");
    assertThat(s.userAgent()).contains("Chrome/131");
    assertThat(s.deviceType()).isEqualTo("desktop");
    assertThat(s.browser()).isEqualTo("Chrome");
    assertThat(s.os()).isEqualTo("Linux");
    assertThat(s.viewportWidth()).isEqualTo(1280);
    assertThat(s.viewportHeight()).isEqualTo(720);
    assertThat(s.screenWidth()).isEqualTo(1920);
    assertThat(s.screenHeight()).isEqualTo(1080);
    assertThat(s.userId()).isEqualTo("user-42");
    assertThat(s.eventCount()).isEqualTo(12);
    assertThat(s.errorCount()).isEqualTo(3);
    assertThat(s.pageCount()).isEqualTo(2);
    assertThat(s.screenshotCount()).isEqualTo(1);
    assertThat(s.hasErrors()).isTrue();
  }

  @Test
  void sessionWithoutStartOrEndHasNullsAndActivitySpan() {
    long t = now();
    write(events.console("log", t + 5, "s2", "a"), events.console("log", t + 3_000_005, "s2", "b"));
    Session s = session("s2");
    assertThat(s.endedAt()).isNull();
    assertThat(s.userId()).isNull();
    assertThat(s.viewportWidth()).isNull();
    assertThat(s.browser()).isNull();
    assertThat(s.pageUrl()).isEqualTo("https://shop.example/cart");
    assertThat(s.durationMs()).isEqualTo(3000);
    assertThat(s.errorCount()).isZero();
  }

  @Test
  void sessionAccumulatesAcrossBatchesWhateverTheirOrder() {
    long t = now();
    write(events.next("page.view", t + 100, "s3", "https://shop.example/second",
        TestEnvelopes.data().put("url", "https://shop.example/second")));
    write(events.sessionStart(t, "s3", "https://shop.example/first", null));
    write(events.console("error", t + 50, "s3", "late but earlier"));

    Session s = session("s3");
    assertThat(s.startedAt()).isEqualTo(t);
    assertThat(s.lastActivityAt()).isEqualTo(t + 100);
    assertThat(s.pageUrl()).isEqualTo("https://shop.example/first");
    assertThat(s.eventCount()).isEqualTo(3);
    assertThat(s.pageCount()).isEqualTo(1);
    assertThat(s.errorCount()).isEqualTo(1);
    assertThat(s.browser()).isEqualTo("Chrome");
  }

  @Test
  void firstSessionStartKeepsItsAttributesButTheLastUserIdWins() {
    long t = now();
    write(events.sessionStart(t, "s4", "https://a.example/", "first-user"));
    write(events.next("session.start", t + 10, "s4", null,
        TestEnvelopes.data().put("browser", "Firefox").put("user_id", "second-user")));
    Session s = session("s4");
    assertThat(s.browser()).isEqualTo("Chrome");
    assertThat(s.userId()).isEqualTo("second-user");
  }

  @Test
  void checkpointIsRecordedWithTheBatchAndNeverMovesBack() {
    assertThat(storage.checkpoints().load("store")).isZero();
    List<Envelope> batch = events.consoleRun(3, now(), "s1");
    storage.writer().write(new WriteBatch("store", batch, Map.of(), 7));
    assertThat(storage.checkpoints().load("store")).isEqualTo(7);
    storage.writer().write(new WriteBatch("store", batch.subList(0, 1), Map.of(), 2));
    assertThat(storage.checkpoints().load("store")).isEqualTo(7);
    assertThat(storage.checkpoints().load("other")).isZero();
  }

  @Test
  void batchWithOnlyACheckpointMovesIt() {
    storage.writer().write(new WriteBatch("store", List.of(), Map.of(), 42));
    assertThat(storage.checkpoints().load("store")).isEqualTo(42);
    assertThat(events(EventFilter.builder()).total()).isZero();
  }

  @Test
  void screenshotsRoundTrip() {
    long t = now();
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3, (byte) 0xff};
    Envelope first = events.screenshot(t + 10, "s1", png);
    Envelope second = events.screenshot(t + 5, "s1", new byte[] {9, 9});
    Envelope other = events.screenshot(t, "s2", new byte[] {7});
    write(List.of(first, second, other), Map.of(first.seq(), png, other.seq(), new byte[] {7}));

    Page<ScreenshotInfo> list = storage.screenshots().bySession("s1", 10, 0);
    assertThat(list.total()).isEqualTo(2);
    assertThat(list.data()).extracting(ScreenshotInfo::screenshotId).containsExactly(second.seq(), first.seq());
    ScreenshotInfo info = list.data().get(1);
    assertThat(info).isEqualTo(new ScreenshotInfo(first.seq(), "s1", t + 10, "https://shop.example/checkout", "png",
        640, 480, png.length));
    ScreenshotImage image = storage.screenshots().image(first.seq()).orElseThrow();
    assertThat(image.bytes()).isEqualTo(png);
    assertThat(image.contentType()).isEqualTo("image/png");
    assertThat(storage.screenshots().image(second.seq())).as("stored without bytes").isEmpty();
    assertThat(storage.screenshots().image(999)).isEmpty();
    assertThat(storage.screenshots().bySession("s1", 1, 1).data()).extracting(ScreenshotInfo::screenshotId)
        .containsExactly(first.seq());
    assertThat(session("s1").screenshotCount()).isEqualTo(2);
  }

  @Test
  void healthCheckPasses() {
    assertThat(storage.check().healthy()).isTrue();
  }
}
