package dev.loupe.ingest;

import dev.loupe.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The batch ids of recent native ingest requests, so that a body a client sends twice is sequenced
 * once. Delivery from a page is at least once: the SDK sends a body again when it saw no answer (a
 * network error after the server had appended it) and two tabs loading together may both send the
 * same body from the offline queue. Each body carries an id of its own ({@code "batch"}), and the
 * request that brings an id seen before gets the first request's answer instead of a second copy
 * of its events.
 *
 * <p>How: one map, under one lock, from (project, id) to the first request's result, in the order
 * the ids were first seen.
 * <ul>
 *   <li>{@link #claim}: an id not in the map is put there with the caller's pending result, and the
 *       caller appends. An id in the map is a duplicate: the caller gets the first request's result,
 *       which it answers with once it is known, even while the first request is still waiting for
 *       its fsync. Two requests with one id at the same moment therefore append once.
 *   <li>{@link #release}: when the append fails, the id is removed, so that the client's retry is
 *       appended (its duplicates, which waited, fail the same way and are retried too). So is the
 *       id of a body of which nothing was kept: sent again, it is refused again.
 *   <li>{@link #settle}: once appended, the entry keeps only the counts and seqs, never the events'
 *       rejections, so that an entry stays small whatever its request held.
 *   <li>Bounds: entries older than the TTL go first, then the oldest beyond {@code max}, for all
 *       projects together. Insertion order is age order, so pruning looks only at the head of the
 *       map. On a busy server the bound, not the TTL, decides how long an id is remembered.
 * </ul>
 * Ids live in memory only: after a restart a retry of a body appended just before the crash (the
 * answer never left) is appended again.
 */
public final class RecentBatches {
  /** Longer than the SDK keeps a body offline (24 h) plus its retries. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(25);
  /** About 200 B each: 10 MB at most. */
  public static final int DEFAULT_MAX = 50_000;

  private record Entry(CompletableFuture<IngestResult> result, long seenAtMicros) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Clock clock;
  private final long ttlMicros;
  private final int max;

  public RecentBatches(Clock clock, Duration ttl, int max) {
    this.clock = clock;
    this.ttlMicros = ttl.toNanos() / 1000;
    this.max = max;
  }

  public static RecentBatches defaults(Clock clock) {
    return new RecentBatches(clock, DEFAULT_TTL, DEFAULT_MAX);
  }

  /**
   * The result of the first request with this id when it was seen within the TTL (a duplicate);
   * otherwise null, and {@code mine} is now that first result.
   */
  public synchronized CompletableFuture<IngestResult> claim(String project, String id,
      CompletableFuture<IngestResult> mine) {
    long now = clock.epochMicros();
    prune(now);
    Entry first = entries.putIfAbsent(key(project, id), new Entry(mine, now));
    return first == null ? null : first.result();
  }

  /** Forgets the id of a request whose append failed, if {@code mine} still holds it. */
  public synchronized void release(String project, String id, CompletableFuture<IngestResult> mine) {
    entries.computeIfPresent(key(project, id), (k, e) -> e.result() == mine ? null : e);
  }

  /** Keeps only the counts and seqs of an appended request's result. */
  public synchronized void settle(String project, String id, CompletableFuture<IngestResult> mine, IngestResult r) {
    IngestResult counts = new IngestResult(r.accepted(), List.of(), r.firstSeq(), r.lastSeq());
    entries.computeIfPresent(key(project, id),
        (k, e) -> e.result() == mine ? new Entry(CompletableFuture.completedFuture(counts), e.seenAtMicros()) : e);
  }

  public synchronized int size() {
    return entries.size();
  }

  private void prune(long now) {
    Iterator<Entry> oldest = entries.values().iterator();
    while (oldest.hasNext()) {
      Entry e = oldest.next();
      if (entries.size() < max && now - e.seenAtMicros() <= ttlMicros) {
        return;
      }
      oldest.remove();
    }
  }

  /** Project names hold no NUL, so the pair is one string without ambiguity. */
  private static String key(String project, String id) {
    return project + '\0' + id;
  }
}
