package dev.loupe.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.event.Envelope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Paging while another thread writes: no session whose sort key did not change is repeated or
 * skipped, and event pages stay in seq order without duplicates. The writer keeps going until the
 * reader has finished paging, so the two really overlap.
 */
public abstract class PagingContract extends StorageContract {

  /** Writes batches until told to stop; new sessions start later than every existing one. */
  private Thread writer(long fromTs, String sessionPrefix, String existingSession, CountDownLatch started,
      CountDownLatch stop, AtomicReference<Throwable> failure) {
    Thread t = new Thread(() -> {
      try {
        for (int i = 0; i < 200 && stop.getCount() > 0; i++) {
          List<Envelope> batch = new ArrayList<>();
          synchronized (events) {
            batch.add(events.sessionStart(fromTs + i, sessionPrefix + i, "https://new.example/", null));
            batch.add(events.console("log", fromTs + i, existingSession, "more " + i));
          }
          write(batch);
          started.countDown();
        }
      } catch (Throwable e) {
        failure.set(e);
      } finally {
        started.countDown();
      }
    }, "paging-contract-writer");
    t.start();
    return t;
  }

  @Test
  void sessionPagesNeitherRepeatNorSkipWhileSessionsAreAdded() throws Exception {
    long t0 = now() - DAY;
    List<Envelope> initial = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      initial.add(events.sessionStart(t0 + i * 1000L, String.format("old-%03d", i), "https://old.example/", null));
    }
    write(initial);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch stop = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread w = writer(now(), "new-", "old-000", started, stop, failure);
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      Page<Session> page = sessions(SessionFilter.builder().limit(7).cursor(cursor));
      seen.addAll(ids(page));
      cursor = page.nextCursor();
    } while (cursor != null);
    stop.countDown();
    w.join();
    assertThat(failure.get()).isNull();

    List<String> old = seen.stream().filter(id -> id.startsWith("old-")).toList();
    assertThat(new HashSet<>(seen)).hasSameSizeAs(seen);
    assertThat(old).hasSize(300);
    List<String> expected = new ArrayList<>();
    for (int i = 299; i >= 0; i--) {
      expected.add(String.format("old-%03d", i));
    }
    assertThat(old).isEqualTo(expected);
  }

  @Test
  void eventPagesStayInSeqOrderWhileEventsAreAdded() throws Exception {
    List<Envelope> initial;
    synchronized (events) {
      initial = events.consoleRun(400, now() - HOUR, "s1");
    }
    write(initial);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch stop = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread w = writer(now(), "other-", "s1", started, stop, failure);
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

    List<Long> seen = new ArrayList<>();
    String cursor = null;
    do {
      Page<Envelope> page = events(EventFilter.builder().sessionId("s1").limit(37).cursor(cursor));
      seen.addAll(seqs(page));
      cursor = page.nextCursor();
    } while (cursor != null);
    stop.countDown();
    w.join();
    assertThat(failure.get()).isNull();

    assertThat(seen).isSorted();
    Set<Long> unique = new HashSet<>(seen);
    assertThat(unique).hasSameSizeAs(seen);
    assertThat(unique).containsAll(initial.stream().map(Envelope::seq).toList());
  }
}
