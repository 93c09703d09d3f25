package dev.loupe.pipeline;

import dev.loupe.event.Envelope;
import dev.loupe.event.EnvelopeCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Reads the log sequentially from a seq, for a reader whose position has left the ring.
 *
 * <p>It finds the segment holding the wanted seq, starts at the nearest sparse offset and walks
 * lines forward, crossing into the next segment at the end of a sealed one. It returns a
 * {@link Gap} instead of an envelope when seqs are missing: {@code RETENTION} when the wanted seq
 * is older than the oldest segment (or its file was deleted before it could be opened),
 * {@code CORRUPT} when records between two good ones could not be read. It never returns a record
 * whose seq is above the limit it is given (the durable head), so it never exposes data that a
 * crash could still take back.
 */
final class LogCursor implements AutoCloseable {
  private final DurableLog log;
  private final int maxLine;
  private long wanted;
  private Segment segment;
  private FileChannel channel;
  private LineScanner lines;

  LogCursor(DurableLog log, long wanted, int maxLine) {
    this.log = log;
    this.wanted = wanted;
    this.maxLine = maxLine;
  }

  /** The next record at or below {@code limitSeq}, or null when none is readable yet. */
  ReadResult next(long limitSeq) {
    try {
      return read(limitSeq);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the log at seq " + wanted, e);
    }
  }

  private ReadResult read(long limitSeq) throws IOException {
    while (wanted <= limitSeq) {
      if (segment == null) {
        ReadResult gap = open();
        if (gap != null) {
          return gap;
        }
        if (segment == null) {
          return null;
        }
      }
      if (!lines.next(segment.size)) {
        if (!segment.sealed && segment == last()) {
          return null;
        }
        Segment following = after(segment);
        if (following == null) {
          return null;
        }
        closeChannel();
        segment = null;
        if (following.firstSeq > wanted) {
          // Missing between two segments: deleted segments (retention) or unreadable records.
          Gap.Reason reason = wanted < log.segments().get(0).firstSeq ? Gap.Reason.RETENTION : Gap.Reason.CORRUPT;
          Gap gap = new Gap(wanted, following.firstSeq - 1, reason);
          wanted = following.firstSeq;
          return gap;
        }
        continue;
      }
      if (lines.isGarbage()) {
        continue;
      }
      byte[] a = lines.array();
      int off = lines.lineStart();
      int len = lines.lineLength();
      long seq = EnvelopeCodec.peekSeq(a, off, len);
      if (seq < 0 || seq < wanted) {
        continue;
      }
      if (seq > limitSeq) {
        lines.pushBack();
        return null;
      }
      if (seq > wanted) {
        lines.pushBack();
        Gap gap = new Gap(wanted, seq - 1, Gap.Reason.CORRUPT);
        wanted = seq;
        return gap;
      }
      Envelope envelope;
      try {
        envelope = EnvelopeCodec.decode(a, off, len);
      } catch (IOException corrupt) {
        continue;
      }
      wanted = seq + 1;
      return new ReadResult.Delivered(envelope);
    }
    return null;
  }

  /** Opens the segment holding {@link #wanted}; returns a retention gap when it is gone. */
  private ReadResult open() throws IOException {
    while (true) {
      List<Segment> list = log.segments();
      Segment oldest = list.get(0);
      if (wanted < oldest.firstSeq) {
        Gap gap = new Gap(wanted, oldest.firstSeq - 1, Gap.Reason.RETENTION);
        wanted = oldest.firstSeq;
        return gap;
      }
      Segment found = oldest;
      for (Segment s : list) {
        if (s.firstSeq <= wanted) {
          found = s;
        } else {
          break;
        }
      }
      try {
        channel = FileChannel.open(found.path, StandardOpenOption.READ);
      } catch (NoSuchFileException deleted) {
        // Retention removed it between the snapshot and the open; look again.
        if (log.segments().get(0).firstSeq <= found.firstSeq) {
          throw deleted;
        }
        continue;
      }
      log.ensureOffsets(found);
      segment = found;
      lines = new LineScanner(channel, found.offsets.floorOffset(wanted), maxLine);
      return null;
    }
  }

  private Segment last() {
    List<Segment> list = log.segments();
    return list.get(list.size() - 1);
  }

  private Segment after(Segment s) {
    for (Segment candidate : log.segments()) {
      if (candidate.firstSeq > s.firstSeq) {
        return candidate;
      }
    }
    return null;
  }

  private void closeChannel() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
    lines = null;
  }

  @Override
  public void close() {
    try {
      closeChannel();
    } catch (IOException ignored) {
      // read-only channel; nothing to lose
    }
  }
}
