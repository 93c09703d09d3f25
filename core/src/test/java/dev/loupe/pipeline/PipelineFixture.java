package dev.loupe.pipeline;

import dev.loupe.time.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds pipelines over a temporary directory and reads them back, for tests. */
final class PipelineFixture {
  private PipelineFixture() {}

  static PipelineConfig config(Path dir) {
    return PipelineConfig.defaults(LogConfig.defaults(dir)).withMinFreeBytes(0);
  }

  static Pipeline open(PipelineConfig config, Clock clock) {
    try {
      return Pipeline.open(config, clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything a fresh reader after {@code afterSeq} gets until it reaches the durable head. */
  static List<ReadResult> readAll(Pipeline pipeline, long afterSeq) throws InterruptedException {
    List<ReadResult> out = new ArrayList<>();
    try (Reader reader = pipeline.reader(afterSeq)) {
      while (reader.position() < pipeline.lastSeq()) {
        ReadResult r = reader.next(Duration.ofSeconds(5));
        if (r == null) {
          throw new AssertionError("reader stalled at " + reader.position() + " of " + pipeline.lastSeq());
        }
        out.add(r);
      }
    }
    return out;
  }

  static List<Long> seqs(List<ReadResult> results) {
    List<Long> out = new ArrayList<>();
    for (ReadResult r : results) {
      if (r instanceof ReadResult.Delivered d) {
        out.add(d.envelope().seq());
      }
    }
    return out;
  }

  static List<Gap> gaps(List<ReadResult> results) {
    List<Gap> out = new ArrayList<>();
    for (ReadResult r : results) {
      if (r instanceof Gap g) {
        out.add(g);
      }
    }
    return out;
  }

  static List<Long> range(long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long s = from; s <= to; s++) {
      out.add(s);
    }
    return out;
  }
}
