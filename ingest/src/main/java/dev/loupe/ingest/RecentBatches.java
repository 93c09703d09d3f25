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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * operating system was given, but a power cut can lose the file's last lines, or more (and then a
 * body sent again is appended again). Rotation keeps it bounded without rewriting it on the thread
 * that acknowledges appends: after {@code max} lines the file becomes {@code <file>.old} (replacing
 * the one before) and a new one starts. The two files hold the last {@code max} to {@code 2 max}
 * bodies, every id the map can hold, and are read back oldest first. A journal that cannot be read
 * or written leaves the ids in memory only, with a warning; it is tried again at the next rotation.
 */
public final class RecentBatches implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(RecentBatches.class);

  /** Longer than the SDK keeps a body offline (24 h) plus its retries. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(25);
  /** About 200 B each: 10 MB at most. */
  public static final int DEFAULT_MAX = 50_000;
  /** A journal line; project names and ids have neither spaces nor newlines. */
  private static final Pattern LINE = Pattern.compile(
      "(\\d{1,19}) ([a-z0-9][a-z0-9_-]{0,62}) ([A-Za-z0-9_.:-]{1,64}) (\\d{1,9}) (\\d{1,19}) (\\d{1,19})");

  private record Entry(CompletableFuture<IngestResult> result, long seenAtMicros) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Clock clock;
  private final long ttlMicros;
  private final int max;
  /** The journal (null: memory only, or failed), and the lines appended to it since it was started. */
  private final Path file;
  private FileChannel journal;
  private int appended;
  /** A journal failure was reported; the next one of the same episode is not. */
  private boolean failing;

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
   * With the journal {@code file}: what it and {@code <file>.old} hold is remembered (a line without
   * its newline, torn by a crash, is skipped) and new lines are appended to {@code file}.
   */
  public static RecentBatches open(Clock clock, Duration ttl, int max, Path file) {
    RecentBatches recent = new RecentBatches(clock, ttl, max, file);
    synchronized (recent) {
      try {
        recent.restore(old(file));
        long complete = recent.restore(file);
        recent.journal = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        // A line the crash cut short goes, so that the next line starts on a line of its own.
        recent.journal.truncate(complete).position(complete);
      } catch (IOException | RuntimeException e) {
        recent.failed(e);
      }
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
    String key = key(project, id);
    Entry first = entries.get(key);
    if (first != null && now - first.seenAtMicros() <= ttlMicros) {
      return first.result();
    }
    // Expired: the new entry goes at the end, where the map's order (by age) wants it.
    entries.remove(key);
    prune(now, 1);
    entries.put(key, new Entry(mine, now));
    return null;
  }

  /** Forgets the id of a request whose append failed, if {@code mine} still holds it. */
  public synchronized void release(String project, String id, CompletableFuture<IngestResult> mine) {
    entries.computeIfPresent(key(project, id), (k, e) -> e.result() == mine ? null : e);
  }

  /** Keeps only the counts and seqs of an appended request's result, and writes them to the journal. */
  public synchronized void settle(String project, String id, CompletableFuture<IngestResult> mine, IngestResult r) {
    IngestResult counts = new IngestResult(r.accepted(), List.of(), r.firstSeq(), r.lastSeq());
    String key = key(project, id);
    Entry e = entries.get(key);
    if (e == null || e.result() != mine) {
      return;
    }
    entries.put(key, new Entry(CompletableFuture.completedFuture(counts), e.seenAtMicros()));
    if (file != null) {
      write(line(project, id, counts, e.seenAtMicros()));
    }
  }

  public synchronized int size() {
    return entries.size();
  }

  @Override
  public synchronized void close() throws IOException {
    if (journal != null) {
      journal.close();
      journal = null;
    }
  }

  private static Path old(Path file) {
    return file.resolveSibling(file.getFileName() + ".old");
  }

  /** One journal line: {@code <seen at µs> <project> <id> <accepted> <first seq> <last seq>}. */
  private static String line(String project, String id, IngestResult r, long seenAtMicros) {
    return seenAtMicros + " " + project + " " + id + " " + r.accepted() + " " + r.firstSeq() + " " + r.lastSeq()
        + "\n";
  }

  /**
   * Remembers the complete, well-formed lines of a journal file and counts them in {@code appended};
   * returns the length of its complete lines in bytes.
   */
  private long restore(Path journalFile) throws IOException {
    appended = 0;
    if (!Files.exists(journalFile)) {
      return 0;
    }
    // Only what ends in a newline: the part after the last one is a line the crash cut short.
    String text = Files.readString(journalFile, StandardCharsets.ISO_8859_1);
    String complete = text.substring(0, text.lastIndexOf('\n') + 1);
    String[] lines = complete.isEmpty() ? new String[0] : complete.split("\n");
    long now = clock.epochMicros();
    for (String line : lines) {
      Matcher m = LINE.matcher(line);
      if (m.matches()) {
        IngestResult r = new IngestResult(Integer.parseInt(m.group(4)), List.of(), Long.parseLong(m.group(5)),
            Long.parseLong(m.group(6)));
        if (r.lastSeq() - r.firstSeq() + 1 == r.accepted()) {
          // A later line for an id (sent again once the bound had pushed it out) replaces the earlier.
          String key = key(m.group(2), m.group(3));
          entries.remove(key);
          prune(now, 1);
          entries.put(key, new Entry(CompletableFuture.completedFuture(r), Long.parseLong(m.group(1))));
        }
      }
    }
    appended = lines.length;
    return complete.length();
  }

  private void write(String line) {
    try {
      if (journal == null || appended >= max) {
        rotate();
      }
      ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.ISO_8859_1));
      while (bytes.hasRemaining()) {
        journal.write(bytes);
      }
      failing = false;
    } catch (IOException | RuntimeException e) {
      failed(e);
    } finally {
      // Counted while failing too, so that the next attempt waits for the next rotation.
      appended++;
    }
  }

  /** Makes the journal the old one (replacing it) and starts a new one; only a rename and a create. */
  private void rotate() throws IOException {
    if (journal == null && appended < max) {
      throw new IOException("waiting for the next rotation after a failure");
    }
    closeQuietly();
    if (Files.isRegularFile(file)) {
      Files.move(file, old(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    journal = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    appended = 0;
  }

  private void failed(Exception e) {
    closeQuietly();
    if (!failing) {
      failing = true;
      // The answer must not fail for it: the ids stay in memory, and a restart forgets them.
      LOG.warn("batch journal {} failed, batch ids are kept in memory only until the next rotation: {}", file,
          e.toString());
    }
  }

  private void closeQuietly() {
    try {
      if (journal != null) {
        journal.close();
      }
    } catch (IOException ignored) {
      // Its lines were written already.
    }
    journal = null;
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
