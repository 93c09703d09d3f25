package dev.loupe.pipeline;

import java.time.Duration;
import java.util.List;

/**
 * A consumer's position in the sequenced stream, and the way to move it forward.
 *
 * <p>A reader created after seq {@code n} returns {@code n+1, n+2, …} in order, each exactly once,
 * as {@link ReadResult.Delivered} — or a {@link Gap} for seqs it can never have (deleted by
 * retention, corrupt on disk, or skipped on purpose with {@link #skipTo}). It reads from the ring
 * while its position is there and from the log segments when it is not, switching back as soon as
 * it catches up. It only ever returns durable events.
 *
 * <p>A reader belongs to one thread at a time. It holds no lock the writer needs and never makes the
 * writer wait: a reader that stops reading costs nothing but its open file.
 */
public final class Reader implements AutoCloseable {
  private final Ring ring;
  private final DurableLog log;
  private long next;
  private LogCursor cursor;

  Reader(Ring ring, DurableLog log, long afterSeq) {
    this.ring = ring;
    this.log = log;
    this.next = Math.max(0, afterSeq) + 1;
  }

  /** The last seq this reader has returned or skipped (its checkpoint). */
  public long position() {
    return next - 1;
  }

  /** How many durable events are ahead of this reader. */
  public long lag() {
    return Math.max(0, ring.published() - position());
  }

  /** The next result if one is available now, otherwise null. */
  public ReadResult tryNext() {
    long published = ring.published();
    if (next > published) {
      return null;
    }
    if (cursor == null) {
      ReadResult.Delivered d = ring.get(next);
      if (d != null) {
        next++;
        return d;
      }
      cursor = log.cursor(next);
    }
    ReadResult r = cursor.next(published);
    if (r instanceof ReadResult.Delivered d) {
      next = d.envelope().seq() + 1;
      if (next > published || ring.get(next) != null) {
        closeCursor();
      }
    } else if (r instanceof Gap g) {
      next = g.to() + 1;
    }
    return r;
  }

  /**
   * The next result, waiting up to {@code timeout} for one.
   *
   * @return null when the timeout passed first
   */
  public ReadResult next(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      ReadResult r = tryNext();
      if (r != null) {
        return r;
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0 || !ring.awaitPublished(next, remaining)) {
        return null;
      }
    }
  }

  /**
   * Adds up to {@code max} results to {@code out}, waiting up to {@code timeout} for the first.
   *
   * @return how many were added
   */
  public int drainTo(List<ReadResult> out, int max, Duration timeout) throws InterruptedException {
    ReadResult first = next(timeout);
    if (first == null) {
      return 0;
    }
    out.add(first);
    int n = 1;
    ReadResult r;
    while (n < max && (r = tryNext()) != null) {
      out.add(r);
      n++;
    }
    return n;
  }

  /**
   * Moves this reader forward to just after {@code afterSeq}, returning the gap it creates (or null
   * when it is already there). For owners that prefer freshness to completeness, such as a live view
   * that fell behind.
   */
  public Gap skipTo(long afterSeq, Gap.Reason reason) {
    if (afterSeq < next) {
      return null;
    }
    Gap gap = new Gap(next, afterSeq, reason);
    next = afterSeq + 1;
    closeCursor();
    return gap;
  }

  private void closeCursor() {
    if (cursor != null) {
      cursor.close();
      cursor = null;
    }
  }

  @Override
  public void close() {
    closeCursor();
  }
}
