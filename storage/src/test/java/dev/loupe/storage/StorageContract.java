package dev.loupe.storage;

import dev.loupe.event.Envelope;
import dev.loupe.time.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of the storage contract suites (Zipkin's {@code ITStorage}): a backend's test class runs
 * each suite through a {@code @Nested} subclass that only says how to open and clear its store.
 * One store is opened per suite and cleared before each test; time comes from a {@link ManualClock}
 * that only the tests move.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StorageContract {
  protected static final long HOUR = Duration.ofHours(1).toNanos() / 1000;
  protected static final long DAY = 24 * HOUR;
  protected final ManualClock clock = ManualClock.atDefaultInstant();
  protected final TestEnvelopes events = new TestEnvelopes(clock);
  protected Storage storage;

  /** Opens the backend under test with this clock and retention policy. */
  protected abstract Storage open(ManualClock clock, RetentionPolicy policy);

  /** Deletes everything the store holds. */
  protected abstract void clear(Storage storage);

  /** The retention policy the store is opened with (the defaults unless a suite says otherwise). */
  protected RetentionPolicy policy() {
    return RetentionPolicy.defaults();
  }

  @BeforeAll
  void openStorage() {
    storage = open(clock, policy());
  }

  @BeforeEach
  void clearStorage() {
    clear(storage);
    events.reset();
  }

  @AfterAll
  void closeStorage() {
    if (storage != null) {
      storage.close();
    }
  }

  protected long now() {
    return clock.epochMicros();
  }

  protected WriteResult write(List<Envelope> batch) {
    return storage.writer().write(WriteBatch.of("store", batch));
  }

  protected WriteResult write(Envelope... batch) {
    return write(List.of(batch));
  }

  protected WriteResult write(List<Envelope> batch, Map<Long, byte[]> screenshots) {
    long last = batch.get(batch.size() - 1).seq();
    return storage.writer().write(new WriteBatch("store", batch, screenshots, last));
  }

  protected Session session(String id) {
    return storage.sessions().get(id).orElseThrow(() -> new AssertionError("no session " + id));
  }

  protected Page<Envelope> events(EventFilter.Builder filter) {
    return storage.events().list(filter.build());
  }

  protected Page<Session> sessions(SessionFilter.Builder filter) {
    return storage.sessions().list(filter.build());
  }

  protected static List<Long> seqs(Page<Envelope> page) {
    return page.data().stream().map(Envelope::seq).toList();
  }

  protected static List<String> ids(Page<Session> page) {
    return page.data().stream().map(Session::sessionId).toList();
  }
}
