package dev.loupe.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.event.Envelope;
import java.util.BitSet;

/** Checks that a store holds given seqs exactly once and that its sessions counted each once. */
public final class StoredOnce {
  private StoredOnce() {}

  /** The stored seqs, each checked to appear once. */
  public static BitSet seqs(Storage storage) {
    BitSet seen = new BitSet();
    String cursor = null;
    do {
      Page<Envelope> page = storage.events().list(EventFilter.builder().limit(10_000).cursor(cursor).build());
      for (Envelope e : page.data()) {
        assertThat(seen.get((int) e.seq())).as("seq %d stored twice", e.seq()).isFalse();
        seen.set((int) e.seq());
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return seen;
  }

  /** The sum of every session's event count. */
  public static long sessionEventCount(Storage storage) {
    long sum = 0;
    String cursor = null;
    do {
      Page<Session> page = storage.sessions().list(SessionFilter.builder().limit(100).cursor(cursor).build());
      for (Session s : page.data()) {
        sum += s.eventCount();
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return sum;
  }

  /** Seqs 1..last are all stored, once, and counted once in their sessions (all have one). */
  public static void assertAll(Storage storage, long last) {
    BitSet seqs = seqs(storage);
    assertThat(seqs.cardinality()).as("stored events").isEqualTo((int) last);
    assertThat(seqs.nextClearBit(1)).as("first missing seq").isEqualTo((int) last + 1);
    assertThat(sessionEventCount(storage)).as("events counted in sessions").isEqualTo(last);
  }
}
