package dev.loupe.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.event.Category;
import dev.loupe.event.Envelope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retention with a manual clock: events 30 days (stores that drop whole day partitions may keep an
 * event up to one day longer, so the cases stay a day away from the edge), screenshots 7 days,
 * console 2 days in this suite.
 */
public abstract class RetentionContract extends StorageContract {

  @Override
  protected RetentionPolicy policy() {
    return RetentionPolicy.defaults().with(Category.CONSOLE, Duration.ofDays(2));
  }

  @Test
  void oldEventsGoAndRecentOnesStay() {
    long now = now();
    Envelope old = events.next("page.view", now - 40 * DAY, "old", null, TestEnvelopes.data().put("url", "u"));
    Envelope recent = events.next("page.view", now - 28 * DAY, "recent", null, TestEnvelopes.data().put("url", "u"));
    Envelope today = events.next("page.view", now - HOUR, "today", null, TestEnvelopes.data().put("url", "u"));
    write(old, recent, today);

    RetentionResult r = storage.retention().apply(now);

    assertThat(seqs(events(EventFilter.builder()))).containsExactly(recent.seq(), today.seq());
    assertThat(r.sessions()).isEqualTo(1);
    assertThat(storage.sessions().get("old")).isEmpty();
    assertThat(storage.sessions().get("recent")).isPresent();
  }

  @Test
  void categoryWithShorterRetentionGoesSooner() {
    long now = now();
    Envelope oldConsole = events.console("log", now - 3 * DAY, "s1", "three days ago");
    Envelope oldPage = events.next("page.view", now - 3 * DAY, "s1", null, TestEnvelopes.data().put("url", "u"));
    Envelope newConsole = events.console("log", now - DAY, "s1", "yesterday");
    write(oldConsole, oldPage, newConsole);

    storage.retention().apply(now);

    assertThat(seqs(events(EventFilter.builder()))).containsExactly(oldPage.seq(), newConsole.seq());
  }

  @Test
  void screenshotsGoAfterSevenDays() {
    long now = now();
    Envelope old = events.screenshot(now - 8 * DAY, "s1", new byte[] {1});
    Envelope recent = events.screenshot(now - 6 * DAY, "s1", new byte[] {2});
    write(List.of(old, recent), Map.of(old.seq(), new byte[] {1}, recent.seq(), new byte[] {2}));

    RetentionResult r = storage.retention().apply(now);

    assertThat(r.screenshots()).isEqualTo(1);
    assertThat(storage.screenshots().bySession("s1", 10, 0).data()).extracting(ScreenshotInfo::screenshotId)
        .containsExactly(recent.seq());
    assertThat(storage.screenshots().image(old.seq())).isEmpty();
    assertThat(storage.screenshots().image(recent.seq())).isPresent();
    assertThat(seqs(events(EventFilter.builder().category(Category.SCREENSHOT)))).containsExactly(recent.seq());
  }

  @Test
  void retentionFollowsTheClock() {
    Envelope e = events.next("page.view", now() - 29 * DAY, "s1", null, TestEnvelopes.data().put("url", "u"));
    write(e);
    storage.retention().apply(now());
    assertThat(events(EventFilter.builder()).total()).isEqualTo(1);

    clock.advance(Duration.ofDays(3));
    storage.retention().apply(now());
    assertThat(events(EventFilter.builder()).total()).isZero();
  }
}
