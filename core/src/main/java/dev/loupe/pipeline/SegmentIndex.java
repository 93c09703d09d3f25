package dev.loupe.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The log's table of contents: for every sealed segment its first and last seq, first and last
 * receive time and size. It lets start-up skip scanning sealed segments and lets retention decide
 * by age without opening files. It is a cache of what the segments say: when it is missing, stale
 * or unreadable, start-up rebuilds it from the files.
 *
 * <p>Written atomically (temporary file, fsync, rename, fsync of the directory).
 */
final class SegmentIndex {
  static final String FILE_NAME = "segments.idx";
  private static final String HEADER =
      "# loupe segment index v1: first_seq last_seq first_received_at last_received_at size_bytes";

  /** One sealed segment as recorded. */
  record Entry(long firstSeq, long lastSeq, long firstReceivedAt, long lastReceivedAt, long size) {}

  private SegmentIndex() {}

  /** The recorded entries by first seq, or null when the index is missing or unreadable. */
  static Map<Long, Entry> load(Path dir) {
    List<String> lines;
    try {
      lines = Files.readAllLines(dir.resolve(FILE_NAME), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      return null;
    }
    Map<Long, Entry> entries = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.trim().split(" ");
      if (f.length != 5) {
        return null;
      }
      try {
        Entry e = new Entry(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
            Long.parseLong(f[3]), Long.parseLong(f[4]));
        entries.put(e.firstSeq(), e);
      } catch (NumberFormatException ex) {
        return null;
      }
    }
    return entries;
  }

  /** Rewrites the index to list exactly these sealed segments. */
  static void write(Path dir, Collection<Segment> sealed) throws IOException {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    for (Segment s : sealed) {
      out.append(s.firstSeq).append(' ').append(s.lastSeq).append(' ').append(s.firstReceivedAt).append(' ')
          .append(s.lastReceivedAt).append(' ').append(s.size).append('\n');
    }
    Fsync.writeAtomically(dir.resolve(FILE_NAME), out.toString().getBytes(StandardCharsets.US_ASCII));
  }

  static Entry entryOf(Segment s) {
    return new Entry(s.firstSeq, s.lastSeq, s.firstReceivedAt, s.lastReceivedAt, s.size);
  }

  static List<Entry> entries(Collection<Segment> segments) {
    List<Entry> out = new ArrayList<>();
    for (Segment s : segments) {
      out.add(entryOf(s));
    }
    return out;
  }
}
