package dev.loupe.ingest;

import dev.loupe.time.Clock;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * With a journal file ({@link #open}), each appended body's id, counts and seqs are also written as
 * a line of the file once the log has acknowledged the body, before it is answered, and read back at
 * start: a server killed after appending a body but before its answer left knows the body when the
 * client sends it again. The line is written, not fsynced: a killed process loses nothing the
 * operating system was given, but a power cut can lose the last lines (and then a body sent again
 * is appended again). The file is rewritten with only the live entries at start and whenever it
 * has had {@code max} lines appended since.
 */
public final class RecentBatches implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(RecentBatches.class);

  /** Longer than the SDK keeps a body offline (24 h) plus its retries. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(25);
  /** About 200 B each: 10 MB at most. */
  public static final int DEFAULT_MAX = 50_000;

  private record Entry(CompletableFuture<IngestResult> result, long seenAtMicros) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Clock clock;
  private final long ttlMicros;
  private final int max;
  /** The journal (null: memory only), and the lines appended to it since it was last rewritten. */
  private final Path file;
  private FileChannel journal;
  private int appended;

  public RecentBatches(Clock clock, Duration ttl, int max) {
    this(clock, ttl, max, null);
  }

  private RecentBatches(Clock clock, Duration ttl, int max, Path file) {
    this.clock = clock;
    this.ttlMicros = ttl.toNanos() / 1000;
    this.max = max;
    this.file = file;
  }

  /** Memory only, with the default bounds. */
  public static RecentBatches defaults(Clock clock) {
    return new RecentBatches(clock, DEFAULT_TTL, DEFAULT_MAX);
  }

  /**
   * With the journal {@code file}: what it holds is remembered (a torn last line is skipped), the
   * file is rewritten with what is still live and kept open for appending.
   */
  public static RecentBatches open(Clock clock, Duration ttl, int max, Path file) throws IOException {
    RecentBatches recent = new RecentBatches(clock, ttl, max, file);
    if (Files.exists(file)) {
      try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
        lines.forEach(recent::restore);
      }
    }
    synchronized (recent) {
      recent.rewrite();
    }
    return recent;
  }

  /**
   * The result of the first request with this id when it was seen within the TTL (a duplicate);
   * otherwise null, and {@code mine} is now that first result.
   */
  public synchronized CompletableFuture<IngestResult> claim(String project, String id,
      CompletableFuture<IngestResult> mine) {
    long now = clock.epochMicros();
    prune(now, 1);
    Entry first = entries.putIfAbsent(key(project, id), new Entry(mine, now));
    return first == null ? null : first.result();
  }

  /** Forgets the id of a request whose append failed, if {@code mine} still holds it. */
  public synchronized void release(String project, String id, CompletableFuture<IngestResult> mine) {
    entries.computeIfPresent(key(project, id), (k, e) -> e.result() == mine ? null : e);
  }

  /** Keeps only the counts and seqs of an appended request's result, and writes them to the journal. */
  public synchronized void settle(String project, String id, CompletableFuture<IngestResult> mine, IngestResult r) {
    IngestResult counts = new IngestResult(r.accepted(), List.of(), r.firstSeq(), r.lastSeq());
    Entry e = entries.get(key(project, id));
    if (e == null || e.result() != mine) {
      return;
    }
    entries.put(key(project, id), new Entry(CompletableFuture.completedFuture(counts), e.seenAtMicros()));
    if (journal != null) {
      write(line(key(project, id), counts, e.seenAtMicros()));
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (journal != null) {
      journal.close();
      journal = null;
    }
  }

  /** One journal line: {@code <seen at µs> <project> <id> <accepted> <first seq> <last seq>}. */
  private static String line(String key, IngestResult r, long seenAtMicros) {
    return seenAtMicros + " " + key.replace('\0', ' ') + " " + r.accepted() + " " + r.firstSeq() + " "
        + r.lastSeq() + "\n";
  }

  private void restore(String line) {
    String[] f = line.split(" ");
    try {
      if (f.length == 6 && !f[1].isEmpty() && !f[2].isEmpty()) {
        long at = Long.parseLong(f[0]);
        IngestResult r = new IngestResult(Integer.parseInt(f[3]), List.of(), Long.parseLong(f[4]),
            Long.parseLong(f[5]));
        synchronized (this) {
          prune(clock.epochMicros(), 1);
          entries.putIfAbsent(key(f[1], f[2]), new Entry(CompletableFuture.completedFuture(r), at));
        }
      }
    } catch (NumberFormatException torn) {
      // The last line of a journal whose process was killed while writing it.
    }
  }

  private void write(String line) {
    try {
      ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        journal.write(bytes);
      }
      if (++appended >= max) {
        rewrite();
      }
    } catch (IOException e) {
      // The answer must not fail for it: the ids stay in memory, and a restart forgets them.
      LOG.warn("batch journal {} could not be written, batch ids are kept in memory only: {}", file, e.toString());
      closeQuietly();
    }
  }

  /** Replaces the journal by the live settled entries (written beside it, then moved over it). */
  private void rewrite() throws IOException {
    closeQuietly();
    prune(clock.epochMicros(), 0);
    StringBuilder live = new StringBuilder();
    entries.forEach((key, e) -> {
      if (e.result().isDone() && !e.result().isCompletedExceptionally()) {
        live.append(line(key, e.result().join(), e.seenAtMicros()));
      }
    });
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      // Not forced: like the lines, what the operating system was given survives a killed process.
      // (This may run on the thread that acknowledges appends, which an fsync here would hold up.)
      out.write(ByteBuffer.wrap(live.toString().getBytes(StandardCharsets.UTF_8)));
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    journal = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    appended = 0;
  }

  private void closeQuietly() {
    try {
      if (journal != null) {
        journal.close();
      }
    } catch (IOException ignored) {
      // Closing a file being replaced; its lines are written already.
    }
    journal = null;
  }

  public synchronized int size() {
    return entries.size();
  }

  /** Removes the expired entries and, oldest first, those beyond {@code max - room}. */
  private void prune(long now, int room) {
    Iterator<Entry> oldest = entries.values().iterator();
    while (oldest.hasNext()) {
      Entry e = oldest.next();
      if (entries.size() + room <= max && now - e.seenAtMicros() <= ttlMicros) {
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
