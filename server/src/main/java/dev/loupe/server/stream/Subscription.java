package dev.loupe.server.stream;

import dev.loupe.drop.DropReason;
import dev.loupe.drop.Drops;
import dev.loupe.pipeline.Gap;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.pipeline.ReadResult;
import dev.loupe.pipeline.Reader;
import java.io.IOException;
import java.time.Duration;

/**
 * One live subscriber: a pipeline reader, its selectors, and the loop that writes what matches.
 *
 * <h2>Algorithm</h2>
 * The subscriber owns a reader, so it can never slow ingest or other subscribers: a subscriber
 * whose client stops reading only blocks its own thread. Started from a position it replays from
 * the log (a resume gets exactly the missed events); once it has reached the head it is "live". A
 * live subscriber that falls more than {@code maxLag} events behind the head — its client is too
 * slow, or stopped reading — is moved to the head and told with a {@code subscriber_overflow} gap
 * (counted as a drop), preferring freshness to an ever-growing backlog. Retention gaps from the log
 * are passed on as they come. A keep-alive is written when nothing was written for the interval,
 * whether or not events arrived that the selectors filtered out. Selectors and position can be
 * changed from another thread (WebSocket messages); the loop applies them between events.
 */
final class Subscription {
  private final Pipeline pipeline;
  private final Drops drops;
  private final int maxLag;
  private final Duration keepAlive;
  private volatile StreamSelectors selectors;
  private volatile Long seek;
  private volatile boolean paused;
  private volatile boolean stopped;

  /**
   * @param afterSeq where to start, or null for the live head as of now: the head is taken here,
   *     not when {@link #run} opens its reader, so an event published after the client was told it
   *     is subscribed (the SSE response has begun, the WebSocket acknowledged) is never skipped
   */
  Subscription(Pipeline pipeline, Drops drops, StreamSelectors selectors, Long afterSeq, int maxLag,
      Duration keepAlive) {
    this.pipeline = pipeline;
    this.drops = drops;
    this.selectors = selectors;
    this.seek = afterSeq == null ? pipeline.lastSeq() : afterSeq;
    this.maxLag = maxLag;
    this.keepAlive = keepAlive;
  }

  /** Replaces the selectors; with a position, also moves there (null keeps the current one). */
  void change(StreamSelectors newSelectors, Long afterSeq) {
    selectors = newSelectors;
    if (afterSeq != null) {
      seek = afterSeq;
    }
    paused = false;
  }

  void pause() {
    paused = true;
  }

  void stop() {
    stopped = true;
  }

  /** Writes to the sink until stopped, the sink fails, or the thread is interrupted. */
  void run(StreamSink sink) throws IOException, InterruptedException {
    Reader reader = null;
    boolean live = false;
    long lastWrite = System.nanoTime();
    try {
      while (!stopped) {
        Long target = seek;
        if (target != null) {
          seek = null;
          if (reader != null) {
            reader.close();
          }
          reader = pipeline.reader(target);
          live = false;
        }
        long untilKeepAlive = keepAlive.toNanos() - (System.nanoTime() - lastWrite);
        if (untilKeepAlive <= 0) {
          sink.keepAlive();
          sink.flush();
          lastWrite = System.nanoTime();
          continue;
        }
        if (paused) {
          Thread.sleep(Math.min(50, untilKeepAlive / 1_000_000 + 1));
          continue;
        }
        ReadResult r = reader.next(Duration.ofNanos(Math.min(untilKeepAlive, 250_000_000L)));
        boolean wrote = false;
        while (r != null && !stopped && seek == null) {
          if (r instanceof Gap g) {
            sink.gap(g);
            wrote = true;
          } else {
            var envelope = ((ReadResult.Delivered) r).envelope();
            if (selectors.matches(envelope)) {
              sink.event(envelope);
              wrote = true;
            }
          }
          long head = pipeline.lastSeq();
          if (!live && reader.position() >= head) {
            live = true;
          } else if (live && head - reader.position() > maxLag) {
            Gap overflow = reader.skipTo(head, Gap.Reason.SUBSCRIBER_OVERFLOW);
            if (overflow != null) {
              drops.add(DropReason.SUBSCRIBER_OVERFLOW, overflow.count());
              sink.gap(overflow);
              wrote = true;
            }
          }
          r = reader.tryNext();
        }
        if (wrote) {
          sink.flush();
          lastWrite = System.nanoTime();
        }
      }
    } finally {
      if (reader != null) {
        reader.close();
      }
    }
  }
}
