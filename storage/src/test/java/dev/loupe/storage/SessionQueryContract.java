package dev.loupe.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.event.Envelope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Session lists: every filter alone and combined, the four orders, cursors, offsets, totals. */
public abstract class SessionQueryContract extends StorageContract {
  private long t0;

  /**
   * Six sessions: a..f start one hour apart; b and e have errors; c and d belong to user u1;
   * f was active last although it started... last; a was active latest of all.
   */
  @BeforeEach
  void sixSessions() {
    t0 = now() - 10 * HOUR;
    List<Envelope> batch = new ArrayList<>();
    String[] ids = {"a", "b", "c", "d", "e", "f"};
    for (int i = 0; i < ids.length; i++) {
      String user = i == 2 || i == 3 ? "u1" : null;
      batch.add(events.sessionStart(t0 + i * HOUR, ids[i], "https://shop.example/" + ids[i] + "/page", user));
    }
    batch.add(events.console("error", t0 + HOUR + 1, "b", "oops"));
    batch.add(events.next("error.uncaught", t0 + 4 * HOUR + 1, "e", null, TestEnvelopes.data().put("message", "x")));
    batch.add(events.console("log", t0 + 9 * HOUR, "a", "still here"));
    write(batch);
  }

  @Test
  void getReturnsTheSessionOrNothing() {
    assertThat(storage.sessions().get("c")).get().extracting(Session::userId).isEqualTo("u1");
    assertThat(storage.sessions().get("nope")).isEmpty();
  }

  @Test
  void defaultListIsNewestStartedFirst() {
    Page<Session> page = sessions(SessionFilter.builder());
    assertThat(ids(page)).containsExactly("f", "e", "d", "c", "b", "a");
    assertThat(page.total()).isEqualTo(6);
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void sortsByEitherKeyInEitherDirection() {
    assertThat(ids(sessions(SessionFilter.builder().sort(SessionSort.STARTED_AT_ASC))))
        .containsExactly("a", "b", "c", "d", "e", "f");
    assertThat(ids(sessions(SessionFilter.builder().sort(SessionSort.LAST_ACTIVITY_AT_DESC))))
        .containsExactly("a", "f", "e", "d", "c", "b");
    assertThat(ids(sessions(SessionFilter.builder().sort(SessionSort.LAST_ACTIVITY_AT_ASC))))
        .containsExactly("b", "c", "d", "e", "f", "a");
  }

  @Test
  void tiesAreOrderedBySessionId() {
    long t = t0 + 2 * HOUR;
    write(events.sessionStart(t, "c2", "https://x.example/", null), events.sessionStart(t, "c1", "https://x.example/", null));
    assertThat(ids(sessions(SessionFilter.builder().sort(SessionSort.STARTED_AT_ASC)))).containsSubsequence("b", "c", "c1", "c2", "d");
    assertThat(ids(sessions(SessionFilter.builder()))).containsSubsequence("d", "c2", "c1", "c", "b");
  }

  @Test
  void filtersByStartTimeRange() {
    Page<Session> page = sessions(SessionFilter.builder().from(t0 + HOUR).to(t0 + 3 * HOUR));
    assertThat(ids(page)).containsExactly("c", "b");
    assertThat(page.total()).isEqualTo(2);
    assertThat(ids(sessions(SessionFilter.builder().from(t0 + 5 * HOUR)))).containsExactly("f");
    assertThat(ids(sessions(SessionFilter.builder().to(t0 + 1)))).containsExactly("a");
  }

  @Test
  void filtersByUser() {
    assertThat(ids(sessions(SessionFilter.builder().userId("u1")))).containsExactly("d", "c");
    assertThat(sessions(SessionFilter.builder().userId("nobody")).total()).isZero();
  }

  @Test
  void filtersByUrlContainingText() {
    assertThat(ids(sessions(SessionFilter.builder().urlContains("/e/")))).containsExactly("e");
    assertThat(sessions(SessionFilter.builder().urlContains("shop.example")).total()).isEqualTo(6);
    assertThat(sessions(SessionFilter.builder().urlContains("%")).total()).as("no LIKE wildcards").isZero();
  }

  @Test
  void filtersByErrors() {
    assertThat(ids(sessions(SessionFilter.builder().hasErrors(true)))).containsExactly("e", "b");
    assertThat(ids(sessions(SessionFilter.builder().hasErrors(false)))).containsExactly("f", "d", "c", "a");
  }

  @Test
  void combinesFilters() {
    Page<Session> page = sessions(SessionFilter.builder().from(t0 + HOUR).hasErrors(false).userId("u1")
        .urlContains("/d/").sort(SessionSort.LAST_ACTIVITY_AT_ASC));
    assertThat(ids(page)).containsExactly("d");
    assertThat(page.total()).isEqualTo(1);
  }

  @Test
  void cursorPagesThroughEverySessionOnce() {
    for (SessionSort sort : SessionSort.values()) {
      List<String> seen = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        Page<Session> page = sessions(SessionFilter.builder().sort(sort).limit(4).cursor(cursor));
        assertThat(page.total()).isEqualTo(6);
        seen.addAll(ids(page));
        cursor = page.nextCursor();
        pages++;
      } while (cursor != null);
      assertThat(pages).isEqualTo(2);
      assertThat(seen).isEqualTo(ids(sessions(SessionFilter.builder().sort(sort))));
    }
  }

  @Test
  void lastFullPageHasNoCursor() {
    Page<Session> first = sessions(SessionFilter.builder().limit(3));
    Page<Session> second = sessions(SessionFilter.builder().limit(3).cursor(first.nextCursor()));
    assertThat(ids(second)).containsExactly("c", "b", "a");
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  void cursorKeepsFiltersWorking() {
    Page<Session> first = sessions(SessionFilter.builder().hasErrors(false).limit(2));
    assertThat(ids(first)).containsExactly("f", "d");
    Page<Session> second = sessions(SessionFilter.builder().hasErrors(false).limit(2).cursor(first.nextCursor()));
    assertThat(ids(second)).containsExactly("c", "a");
    assertThat(second.total()).isEqualTo(4);
  }

  @Test
  void offsetPagingForTheSeedRoutes() {
    Page<Session> page = sessions(SessionFilter.builder().limit(2).offset(2));
    assertThat(ids(page)).containsExactly("d", "c");
    assertThat(page.total()).isEqualTo(6);
    assertThat(page.nextCursor()).isNull();
    assertThat(sessions(SessionFilter.builder().limit(2).offset(10)).data()).isEmpty();
  }

  @Test
  void badCursorsAreRefused() {
    String cursor = sessions(SessionFilter.builder().limit(2)).nextCursor();
    assertThatThrownBy(() -> sessions(SessionFilter.builder().sort(SessionSort.STARTED_AT_ASC).cursor(cursor)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sort");
    assertThatThrownBy(() -> sessions(SessionFilter.builder().cursor("not*base64")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sessions(SessionFilter.builder().cursor("Zm9v")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SessionFilter.builder().limit(101).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SessionFilter.builder().limit(0).build()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sqlInFilterValuesIsJustText() {
    assertThat(sessions(SessionFilter.builder().userId("x' OR '1'='1")).total()).isZero();
    assertThat(sessions(SessionFilter.builder().urlContains("'; DROP TABLE sessions; --")).total()).isZero();
    assertThat(sessions(SessionFilter.builder()).total()).isEqualTo(6);
  }
}
