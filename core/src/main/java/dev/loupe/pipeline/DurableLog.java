package dev.loupe.pipeline;

import dev.loupe.event.EnvelopeCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source of truth: segmented append-only files of one JSON envelope per line, in seq order.
 *
 * <h2>Layout</h2>
 * {@code <dir>/<first seq, 20 digits>.log} segments and {@code segments.idx} (see
 * {@link SegmentIndex}). The last segment is active and takes appends; the others are sealed
 * (fsynced, closed) and immutable until retention deletes them, oldest first.
 *
 * <h2>Recovery</h2>
 * On open, sealed segments are taken from the index when their size matches it, otherwise scanned.
 * The active segment is scanned line by line: a line counts when it ends in a newline, is one
 * well-formed JSON envelope, and its seq is above the previous one. Everything after the last line
 * that counts — a torn write, zeros a crash left, a half line — is cut off. Garbage between good
 * lines is kept: readers report it as a {@link Gap.Reason#CORRUPT} gap. The sequence continues
 * after the highest seq any segment or the index has seen, so a seq is never given twice.
 *
 * <h2>Threads</h2>
 * The sequencer's writer thread calls {@link #write}, {@link #truncateTo} and {@link #roll}; its sync
 * thread calls {@link #force} and {@link #seal}; retention runs on its own thread. Readers take a
 * snapshot of {@link #segments()} and open their own read channels; a file deleted under a reader
 * stays readable through its open channel.
 */
public final class DurableLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DurableLog.class);

  private final LogConfig config;
  private final Object listLock = new Object();
  private volatile List<Segment> segments;
  private final RecoveryReport recovery;

  // Writer-thread state.
  private Segment active;
  private long writePosition;

  /** What start-up found and repaired. */
  public record RecoveryReport(long lastSeq, int segments, long tornBytesCut, int corruptLines, boolean indexRebuilt) {}

  private DurableLog(LogConfig config, List<Segment> segments, RecoveryReport recovery) {
    this.config = config;
    this.segments = List.copyOf(segments);
    this.recovery = recovery;
    this.active = segments.get(segments.size() - 1);
    this.writePosition = active.size;
  }

  /** Opens (creating or recovering) the log in {@code config.dir()}. */
  public static DurableLog open(LogConfig config) throws IOException {
    Path dir = config.dir();
    Files.createDirectories(dir);
    List<Long> firstSeqs = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + Segment.SUFFIX)) {
      for (Path f : files) {
        long first = Segment.parseFirstSeq(f.getFileName().toString());
        if (first > 0) {
          firstSeqs.add(first);
        }
      }
    }
    Collections.sort(firstSeqs);
    Map<Long, SegmentIndex.Entry> index = SegmentIndex.load(dir);
    boolean rebuild = index == null;
    long highest = 0;
    if (index != null) {
      for (SegmentIndex.Entry e : index.values()) {
        highest = Math.max(highest, e.lastSeq());
      }
    }
    List<Segment> segments = new ArrayList<>();
    long tornCut = 0;
    int corrupt = 0;
    for (int i = 0; i < firstSeqs.size(); i++) {
      Segment s = new Segment(dir, firstSeqs.get(i));
      boolean last = i == firstSeqs.size() - 1;
      long fileSize = Files.size(s.path);
      SegmentIndex.Entry e = index == null ? null : index.get(s.firstSeq);
      if (!last && e != null && e.size() == fileSize) {
        s.lastSeq = e.lastSeq();
        s.size = e.size();
        s.firstReceivedAt = e.firstReceivedAt();
        s.lastReceivedAt = e.lastReceivedAt();
      } else {
        ScanResult scan = scan(s, config.maxLineBytes());
        corrupt += scan.corruptLines;
        if (last) {
          if (scan.endOfLastGood < fileSize) {
            tornCut += fileSize - scan.endOfLastGood;
            LOG.warn("log recovery: cutting {} bytes after the last whole record of {}",
                fileSize - scan.endOfLastGood, s.path.getFileName());
            try (FileChannel ch = FileChannel.open(s.path, StandardOpenOption.WRITE)) {
              ch.truncate(scan.endOfLastGood);
              ch.force(true);
            }
            s.offsets.truncate(scan.endOfLastGood);
          }
        } else {
          rebuild = true;
        }
        s.size = last ? scan.endOfLastGood : fileSize;
        s.offsetsComplete = true;
      }
      s.sealed = !last;
      highest = Math.max(highest, s.lastSeq);
      segments.add(s);
    }
    if (segments.isEmpty()) {
      Segment first = new Segment(dir, highest + 1);
      Files.createFile(first.path);
      Fsync.directory(dir);
      first.offsetsComplete = true;
      segments.add(first);
    } else {
      Segment last = segments.get(segments.size() - 1);
      if (last.lastSeq < highest) {
        // The index knows of seqs beyond what the active segment holds (its files were removed
        // by hand, or a crash cut a torn tail): start a new segment so no seq is given twice.
        Segment fresh = new Segment(dir, highest + 1);
        if (!Files.exists(fresh.path)) {
          Files.createFile(fresh.path);
          Fsync.directory(dir);
        }
        fresh.offsetsComplete = true;
        last.sealed = true;
        segments.add(fresh);
        rebuild = true;
      }
    }
    if (corrupt > 0) {
      LOG.warn("log recovery: {} corrupt line(s) kept in place; readers will report them as gaps", corrupt);
    }
    Segment active = segments.get(segments.size() - 1);
    active.writeChannel = config.channels().open(active.path, StandardOpenOption.WRITE);
    RecoveryReport report = new RecoveryReport(Math.max(highest, active.lastSeq), segments.size(), tornCut, corrupt,
        rebuild);
    DurableLog log = new DurableLog(config, segments, report);
    if (rebuild || tornCut > 0) {
      log.rewriteIndex();
    }
    return log;
  }

  private record ScanResult(long endOfLastGood, int corruptLines) {}

  /** Reads a whole segment, filling its seqs, times and sparse offsets. */
  private static ScanResult scan(Segment s, int maxLine) throws IOException {
    long endOfLastGood = 0;
    int corrupt = 0;
    long lastSeq = s.firstSeq - 1;
    try (FileChannel ch = FileChannel.open(s.path, StandardOpenOption.READ)) {
      LineScanner lines = new LineScanner(ch, 0, maxLine);
      long size = ch.size();
      while (lines.next(size)) {
        byte[] a = lines.array();
        int off = lines.lineStart();
        int len = lines.lineLength();
        long seq = lines.isGarbage() ? -1 : EnvelopeCodec.peekSeq(a, off, len);
        if (seq <= lastSeq || !EnvelopeCodec.isWellFormed(a, off, len)) {
          corrupt++;
          continue;
        }
        long receivedAt = EnvelopeCodec.peekReceivedAt(a, off, len);
        if (lastSeq < s.firstSeq) {
          s.firstReceivedAt = receivedAt;
        }
        s.offsets.maybeAdd(seq, lines.lineOffset());
        s.lastReceivedAt = receivedAt;
        lastSeq = seq;
        endOfLastGood = lines.endOffset();
      }
    }
    s.lastSeq = lastSeq;
    return new ScanResult(endOfLastGood, corrupt);
  }

  public RecoveryReport recovery() {
    return recovery;
  }

  public LogConfig config() {
    return config;
  }

  /** The segments, oldest first; the last is active. An immutable snapshot. */
  List<Segment> segments() {
    return segments;
  }

  /** Bytes held by all segments. */
  public long totalBytes() {
    long total = 0;
    for (Segment s : segments) {
      total += s.size;
    }
    return total;
  }

  public int segmentCount() {
    return segments.size();
  }

  /**
   * A seq from which reading covers every record received at or after {@code receivedAtMicros}:
   * the first seq of the oldest segment that holds such a record (segment granularity).
   */
  public long firstSeqReceivedSince(long receivedAtMicros) {
    for (Segment s : segments) {
      if (!s.isEmpty() && s.lastReceivedAt >= receivedAtMicros) {
        return s.firstSeq;
      }
    }
    Segment last = segments.get(segments.size() - 1);
    return last.lastSeq + 1;
  }

  /** The oldest seq still in the log (the next seq when the log is empty). */
  public long oldestSeq() {
    return segments.get(0).firstSeq;
  }

  // ---- writer thread ------------------------------------------------------------------------

  Segment active() {
    return active;
  }

  long writePosition() {
    return writePosition;
  }

  /** Appends the buffer's remaining bytes to the active segment. */
  void write(ByteBuffer buf) throws IOException {
    FileChannel ch = active.writeChannel;
    while (buf.hasRemaining()) {
      writePosition += ch.write(buf, writePosition);
    }
  }

  /** Cuts the active segment back to {@code position} after a failed write. */
  void truncateTo(long position) throws IOException {
    active.writeChannel.truncate(position);
    active.offsets.truncate(position);
    writePosition = position;
  }

  /** Whether the active segment should be rolled before the next write. */
  boolean shouldRoll(long nowMicros) {
    return !active.isEmpty() && (writePosition >= config.segmentBytes()
        || nowMicros - active.firstReceivedAt >= config.segmentMaxAge().toNanos() / 1000);
  }

  /**
   * Starts a new active segment whose first seq is {@code nextSeq}; returns the previous one,
   * whose channel stays open until the sync thread has forced and sealed it.
   */
  Segment roll(long nextSeq) throws IOException {
    Segment previous = active;
    Segment next = new Segment(config.dir(), nextSeq);
    next.writeChannel = config.channels().open(next.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    next.offsetsComplete = true;
    // The new file's name must be durable before anything written to it is acknowledged.
    Fsync.directory(config.dir());
    synchronized (listLock) {
      List<Segment> list = new ArrayList<>(segments);
      list.add(next);
      segments = List.copyOf(list);
    }
    active = next;
    writePosition = 0;
    return previous;
  }

  // ---- sync thread --------------------------------------------------------------------------

  /** Forces a segment's written bytes (and the directory entry of a new file) to disk. */
  void force(Segment s) throws IOException {
    FileChannel ch = s.writeChannel;
    if (ch != null) {
      ch.force(false);
    }
  }

  /** Marks a forced, rolled segment sealed, closes its write channel and records it in the index. */
  void seal(Segment s) throws IOException {
    FileChannel ch = s.writeChannel;
    s.writeChannel = null;
    if (ch != null) {
      ch.close();
    }
    s.sealed = true;
    Fsync.directory(config.dir());
    rewriteIndex();
  }

  private void rewriteIndex() throws IOException {
    synchronized (listLock) {
      List<Segment> sealed = new ArrayList<>();
      for (Segment s : segments) {
        if (s.sealed) {
          sealed.add(s);
        }
      }
      SegmentIndex.write(config.dir(), sealed);
    }
  }

  // ---- retention ----------------------------------------------------------------------------

  /** What one retention pass deleted. */
  public record RetentionResult(int segments, long events, long bytes) {}

  /**
   * Deletes the oldest sealed segments while the newest record in them is older than the maximum
   * age, or while the log is larger than the maximum size. The active segment is never deleted.
   */
  public RetentionResult applyRetention(long nowMicros) throws IOException {
    long maxAgeMicros = config.retentionMaxAge().toNanos() / 1000;
    int deleted = 0;
    long events = 0;
    long bytes = 0;
    synchronized (listLock) {
      List<Segment> list = new ArrayList<>(segments);
      long total = 0;
      for (Segment s : list) {
        total += s.size;
      }
      while (list.size() > 1 && list.get(0).sealed) {
        Segment oldest = list.get(0);
        boolean tooOld = nowMicros - oldest.lastReceivedAt > maxAgeMicros;
        boolean tooBig = total > config.retentionMaxBytes();
        if (!tooOld && !tooBig) {
          break;
        }
        list.remove(0);
        segments = List.copyOf(list);
        try {
          Files.deleteIfExists(oldest.path);
        } catch (NoSuchFileException ignored) {
          // already gone
        }
        total -= oldest.size;
        deleted++;
        events += Math.max(0, oldest.count());
        bytes += oldest.size;
      }
      if (deleted > 0) {
        Fsync.directory(config.dir());
        rewriteIndex();
        LOG.info("log retention deleted {} segment(s): {} events, {} bytes", deleted, events, bytes);
      }
    }
    return new RetentionResult(deleted, events, bytes);
  }

  // ---- readers ------------------------------------------------------------------------------

  /** A cursor positioned to read {@code fromSeq} next. */
  LogCursor cursor(long fromSeq) {
    return new LogCursor(this, fromSeq, config.maxLineBytes());
  }

  /** Builds the sparse offsets of a segment recovered from the index, once. */
  void ensureOffsets(Segment s) throws IOException {
    if (s.offsetsComplete) {
      return;
    }
    synchronized (s) {
      if (s.offsetsComplete) {
        return;
      }
      try (FileChannel ch = FileChannel.open(s.path, StandardOpenOption.READ)) {
        LineScanner lines = new LineScanner(ch, 0, config.maxLineBytes());
        while (lines.next(s.size)) {
          long seq = lines.isGarbage() ? -1 : EnvelopeCodec.peekSeq(lines.array(), lines.lineStart(), lines.lineLength());
          if (seq > 0) {
            s.offsets.maybeAdd(seq, lines.lineOffset());
          }
        }
      }
      s.offsetsComplete = true;
    }
  }

  @Override
  public void close() throws IOException {
    Segment a = active;
    FileChannel ch = a.writeChannel;
    if (ch != null && ch.isOpen()) {
      ch.force(false);
      ch.close();
    }
  }
}
