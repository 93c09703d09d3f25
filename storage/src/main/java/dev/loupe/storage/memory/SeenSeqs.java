package dev.loupe.storage.memory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seqs written recently, for idempotent writes. Bounded like the buffers: a seq forgotten here
 * has long been evicted from its buffer too, and the store writer never goes back that far.
 */
final class SeenSeqs {
  private final Map<Long, Boolean> seqs;

  SeenSeqs(int capacity) {
    this.seqs = new LinkedHashMap<>(1024, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Records the seq; false when it was already recorded. */
  synchronized boolean add(long seq) {
    return seqs.put(seq, Boolean.TRUE) == null;
  }

  synchronized void clear() {
    seqs.clear();
  }
}
