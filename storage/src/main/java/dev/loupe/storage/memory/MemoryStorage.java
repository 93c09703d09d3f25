package dev.loupe.storage.memory;

import dev.loupe.buffer.BufferSpec;
import dev.loupe.buffer.CategoryBuffers;
import dev.loupe.event.Category;
import dev.loupe.event.Envelope;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.storage.CheckpointStore;
import dev.loupe.storage.EventQuery;
import dev.loupe.storage.EventWriter;
import dev.loupe.storage.Health;
import dev.loupe.storage.Retention;
import dev.loupe.storage.RetentionPolicy;
import dev.loupe.storage.RetentionResult;
import dev.loupe.storage.ScreenshotQuery;
import dev.loupe.storage.SessionQuery;
import dev.loupe.storage.Storage;
import dev.loupe.storage.StorageKind;
import dev.loupe.storage.WriteBatch;
import dev.loupe.storage.WriteResult;
import dev.loupe.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code memory} backend. Events live in {@link CategoryBuffers} (bounded by entries, bytes
 * and TTL per category); sessions and screenshots in bounded maps beside them.
 *
 * <p>Its checkpoint is not persistent: it starts at the log seq from which the largest buffer TTL
 * can still be served ({@link Pipeline#firstSeqReceivedSince}), so the store writer refills the
 * buffers from the log tail on start. Retention hides events older than their category's
 * retention (buffers usually drop them much earlier, by TTL) and forgets inactive sessions.
 */
public final class MemoryStorage implements Storage, EventWriter, CheckpointStore, Retention {
  private final CategoryBuffers buffers;
  private final RetentionPolicy policy;
  private final long refillFrom;
  private final MemorySessions sessions;
  private final MemoryScreenshots screenshots;
  private final MemoryEvents events;
  private final SeenSeqs seen;
  private final Map<String, Long> checkpoints = new ConcurrentHashMap<>();
  private final long[] cutoffs = new long[Category.values().length];

  public MemoryStorage(CategoryBuffers buffers, RetentionPolicy policy, int maxSessions, Pipeline pipeline,
      Clock clock) {
    this.buffers = buffers;
    this.policy = policy;
    this.sessions = new MemorySessions(maxSessions);
    this.screenshots = new MemoryScreenshots(capacity(buffers, Category.SCREENSHOT));
    this.events = new MemoryEvents(buffers, this::retained);
    int entries = buffers.stats().values().stream().mapToInt(s -> s.maxEntries()).sum();
    this.seen = new SeenSeqs(entries);
    long maxTtlMicros = BufferSpec.defaults().values().stream().map(BufferSpec::ttl).max(Duration::compareTo)
        .orElse(Duration.ZERO).toNanos() / 1000;
    this.refillFrom = pipeline == null ? 0
        : Math.max(0, pipeline.firstSeqReceivedSince(clock.epochMicros() - maxTtlMicros) - 1);
  }

  private static int capacity(CategoryBuffers buffers, Category c) {
    return buffers.stats().get(c.wireName()).maxEntries();
  }

  @Override
  public StorageKind kind() {
    return StorageKind.MEMORY;
  }

  @Override
  public synchronized WriteResult write(WriteBatch batch) {
    int written = 0;
    for (Envelope e : batch.envelopes()) {
      if (!seen.add(e.seq())) {
        continue;
      }
      written++;
      buffers.add(e);
      if (e.head().sessionId() != null) {
        sessions.add(e);
      }
      if (e.head().type().equals("screenshot.capture")) {
        screenshots.add(e, batch.screenshotBytes().get(e.seq()));
      }
    }
    checkpoints.merge(batch.consumer(), batch.checkpoint(), Math::max);
    return new WriteResult(written, batch.envelopes().size() - written);
  }

  @Override
  public long load(String consumer) {
    return checkpoints.getOrDefault(consumer, refillFrom);
  }

  @Override
  public RetentionResult apply(long nowMicros) {
    synchronized (cutoffs) {
      for (Category c : Category.values()) {
        cutoffs[c.ordinal()] = policy.cutoff(c, nowMicros);
      }
    }
    buffers.expire();
    long shots = screenshots.removeBefore(policy.cutoff(Category.SCREENSHOT, nowMicros));
    long gone = sessions.removeInactiveBefore(nowMicros - policy.longest().toNanos() / 1000);
    return new RetentionResult(0, 0, shots, gone);
  }

  private boolean retained(Envelope e) {
    synchronized (cutoffs) {
      return e.head().ts() >= cutoffs[e.head().category().ordinal()];
    }
  }

  /** Empties everything (tests). */
  public synchronized void clear() {
    buffers.clear();
    sessions.clear();
    screenshots.clear();
    seen.clear();
    checkpoints.clear();
  }

  @Override
  public EventWriter writer() {
    return this;
  }

  @Override
  public CheckpointStore checkpoints() {
    return this;
  }

  @Override
  public SessionQuery sessions() {
    return sessions;
  }

  @Override
  public EventQuery events() {
    return events;
  }

  @Override
  public ScreenshotQuery screenshots() {
    return screenshots;
  }

  @Override
  public Retention retention() {
    return this;
  }

  @Override
  public Health check() {
    return Health.ok("memory: " + buffers.estimatedBytes() + " of " + buffers.maxBytes() + " bytes used");
  }

  @Override
  public void close() {
    clear();
  }
}
