package dev.loupe.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.event.Category;
import dev.loupe.event.Envelope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Event lists: every filter alone and combined, seq order, cursors, offsets, totals. */
public abstract class EventQueryContract extends StorageContract {
  private long t0;

  /**
   * seq 1..10 at t0 + seq·1000 µs:
   * 1 s1 console.log "Hello World" · 2 s1 network.request GET /api/items · 3 s1 console.error "Boom"
   * 4 s2 network.resource app.js · 5 s2 error.uncaught TypeError · 6 s2 custom.a_b · 7 s2 custom.axb
   * 8 (no session) log.error "disk" · 9 s1 page.view /checkout · 10 s1 console.log "bye"
   */
  @BeforeEach
  void tenEvents() {
    t0 = now() - HOUR;
    List<Envelope> b = new ArrayList<>();
    b.add(events.console("log", at(1), "s1", "Hello World"));
    b.add(events.next("network.request", at(2), "s1", "https://shop.example/cart",
        TestEnvelopes.data().put("method", "GET").put("url", "https://api.example/api/items").put("status", 200)));
    b.add(events.console("error", at(3), "s1", "Boom"));
    b.add(events.next("network.resource", at(4), "s2", "https://blog.example/",
        TestEnvelopes.data().put("url", "https://cdn.example/app.js").put("duration_ms", 12)));
    b.add(events.next("error.uncaught", at(5), "s2", "https://blog.example/",
        TestEnvelopes.data().put("message", "TypeError: x is undefined")));
    b.add(events.next("custom.a_b", at(6), "s2", null, TestEnvelopes.data().put("k", 1)));
    b.add(events.next("custom.axb", at(7), "s2", null, TestEnvelopes.data().put("k", 2)));
    b.add(events.next("log.error", at(8), null, null, TestEnvelopes.data().put("message", "disk full")));
    b.add(events.next("page.view", at(9), "s1", "https://shop.example/checkout",
        TestEnvelopes.data().put("url", "https://shop.example/checkout")));
    b.add(events.console("log", at(10), "s1", "bye"));
    write(b);
  }

  private long at(int seq) {
    return t0 + seq * 1000L;
  }

  private List<Long> query(EventFilter.Builder f) {
    return seqs(events(f));
  }

  @Test
  void allEventsAscendingBySeq() {
    Page<Envelope> page = events(EventFilter.builder());
    assertThat(seqs(page)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(page.total()).isEqualTo(10);
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void filtersBySession() {
    assertThat(query(EventFilter.builder().sessionId("s1"))).containsExactly(1L, 2L, 3L, 9L, 10L);
    assertThat(query(EventFilter.builder().sessionId("zz"))).isEmpty();
  }

  @Test
  void filtersByAnyOfSeveralCategories() {
    assertThat(query(EventFilter.builder().category(Category.NETWORK))).containsExactly(2L, 4L);
    assertThat(query(EventFilter.builder().category(Category.ERROR).category(Category.LOG))).containsExactly(5L, 8L);
  }

  @Test
  void filtersByTypeGlobs() {
    assertThat(query(EventFilter.builder().type("network.*"))).containsExactly(2L, 4L);
    assertThat(query(EventFilter.builder().type("console.*"))).containsExactly(1L, 3L, 10L);
    assertThat(query(EventFilter.builder().type("*.error"))).containsExactly(3L, 8L);
    assertThat(query(EventFilter.builder().type("console.log").type("page.*"))).containsExactly(1L, 9L, 10L);
    assertThat(query(EventFilter.builder().type("*"))).hasSize(10);
  }

  @Test
  void underscoreInAGlobIsLiteral() {
    assertThat(query(EventFilter.builder().type("custom.a_b"))).containsExactly(6L);
    assertThat(query(EventFilter.builder().type("custom.a*"))).containsExactly(6L, 7L);
  }

  @Test
  void globsWithForeignCharactersAreRefused() {
    assertThatThrownBy(() -> EventFilter.builder().type("console.%")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventFilter.builder().type("x' OR 1=1 --")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventFilter.builder().type("[a-z]*")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void filtersByEventTimeFromInclusiveToExclusive() {
    assertThat(query(EventFilter.builder().from(at(3)).to(at(6)))).containsExactly(3L, 4L, 5L);
    assertThat(query(EventFilter.builder().from(at(9)))).containsExactly(9L, 10L);
    assertThat(query(EventFilter.builder().to(at(2)))).containsExactly(1L);
  }

  @Test
  void filtersAfterSeq() {
    Page<Envelope> page = events(EventFilter.builder().afterSeq(7L));
    assertThat(seqs(page)).containsExactly(8L, 9L, 10L);
    assertThat(page.total()).isEqualTo(3);
  }

  @Test
  void searchesDataUrlAndTypeIgnoringCase() {
    assertThat(query(EventFilter.builder().q("hello world"))).containsExactly(1L);
    assertThat(query(EventFilter.builder().q("TYPEERROR"))).containsExactly(5L);
    assertThat(query(EventFilter.builder().q("api/items"))).containsExactly(2L);
    assertThat(query(EventFilter.builder().q("blog.example"))).containsExactly(4L, 5L);
    assertThat(query(EventFilter.builder().q("uncaught"))).containsExactly(5L);
    assertThat(query(EventFilter.builder().q("100%"))).isEmpty();
    assertThat(query(EventFilter.builder().q("'; DELETE FROM events; --"))).isEmpty();
    assertThat(events(EventFilter.builder()).total()).isEqualTo(10);
  }

  @Test
  void combinesFilters() {
    Page<Envelope> page = events(EventFilter.builder().sessionId("s1").category(Category.CONSOLE).type("console.log")
        .from(at(1)).to(at(11)).afterSeq(1L).q("BYE"));
    assertThat(seqs(page)).containsExactly(10L);
    assertThat(page.total()).isEqualTo(1);
    assertThat(query(EventFilter.builder().sessionId("s2").category(Category.NETWORK).type("*.error"))).isEmpty();
  }

  @Test
  void cursorPagesInSeqOrderAndTotalIgnoresIt() {
    List<Long> seen = new ArrayList<>();
    String cursor = null;
    do {
      Page<Envelope> page = events(EventFilter.builder().sessionId("s1").limit(2).cursor(cursor));
      assertThat(page.total()).isEqualTo(5);
      seen.addAll(seqs(page));
      cursor = page.nextCursor();
    } while (cursor != null);
    assertThat(seen).containsExactly(1L, 2L, 3L, 9L, 10L);
    Page<Envelope> first = events(EventFilter.builder().limit(3));
    assertThat(first.nextCursor()).isEqualTo("3");
    Page<Envelope> exact = events(EventFilter.builder().afterSeq(5L).limit(5));
    assertThat(exact.nextCursor()).as("no next cursor when the page ends the list").isNull();
  }

  @Test
  void offsetPagingForTheSeedRoutes() {
    Page<Envelope> page = events(EventFilter.builder().sessionId("s1").limit(2).offset(2));
    assertThat(seqs(page)).containsExactly(3L, 9L);
    assertThat(page.total()).isEqualTo(5);
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void limitsAreChecked() {
    assertThatThrownBy(() -> EventFilter.builder().limit(10_001).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventFilter.builder().limit(0).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventFilter.builder().cursor("abc")).isInstanceOf(IllegalArgumentException.class);
    assertThat(events(EventFilter.builder().limit(10_000)).data()).hasSize(10);
  }
}
