package dev.loupe.storage;

import dev.loupe.event.Envelope;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one transaction stores.
 *
 * @param consumer whose checkpoint to record (the store writer uses {@code "store"})
 * @param envelopes in ascending seq order
 * @param screenshotBytes image bytes of {@code screenshot.capture} envelopes by seq; an envelope
 *     without an entry is stored with its metadata only
 * @param checkpoint the seq to record for {@code consumer}: everything up to it is handled (it may
 *     be past the last envelope when the batch ended in a gap)
 */
public record WriteBatch(String consumer, List<Envelope> envelopes, Map<Long, byte[]> screenshotBytes, long checkpoint) {
  public WriteBatch {
    Objects.requireNonNull(consumer, "consumer");
    envelopes = List.copyOf(envelopes);
    screenshotBytes = Map.copyOf(screenshotBytes);
  }

  /** A batch without screenshots whose checkpoint is its last seq (tests, tools). */
  public static WriteBatch of(String consumer, List<Envelope> envelopes) {
    long last = envelopes.isEmpty() ? 0 : envelopes.get(envelopes.size() - 1).seq();
    return new WriteBatch(consumer, envelopes, Map.of(), last);
  }
}
