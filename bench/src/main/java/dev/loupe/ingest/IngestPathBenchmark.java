package dev.loupe.ingest;

import dev.loupe.event.EncodedEvent;
import dev.loupe.event.Event;
import dev.loupe.event.EventCodec;
import dev.loupe.event.EventTruncator;
import dev.loupe.event.FieldLimits;
import dev.loupe.redact.RedactionCounts;
import dev.loupe.redact.RedactionRules;
import dev.loupe.redact.Redactor;
import dev.loupe.testing.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The work a request thread does per event before the sequencer: parse a 50-event native batch,
 * redact, apply limits and encode. Single-threaded events/s, i.e. one core's share of ingest.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IngestPathBenchmark {
  static final int BATCH = 50;

  @Param({"console", "network"})
  public String kind;

  private byte[] body;
  private NativeBatchParser parser;
  private Redactor redactor;
  private EventTruncator truncator;

  @Setup(Level.Trial)
  public void setUp() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write('[');
    for (int i = 0; i < BATCH; i++) {
      if (i > 0) {
        out.write(',');
      }
      Event e = kind.equals("network") ? SampleEvents.network(i, "session-" + i) : SampleEvents.console(i, "session-" + i);
      out.writeBytes(EventCodec.encode(e));
    }
    out.write(']');
    body = out.toByteArray();
    parser = new NativeBatchParser(1000);
    redactor = new Redactor(RedactionRules.defaults(), new RedactionCounts(), new byte[32]);
    truncator = new EventTruncator(FieldLimits.defaults());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void parse(Blackhole bh) {
    bh.consume(parser.parse(body, BodyFormat.JSON, 1_795_435_200_000_000L));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void parseRedactLimitEncode(Blackhole bh) {
    ParsedBatch batch = parser.parse(body, BodyFormat.JSON, 1_795_435_200_000_000L);
    for (Event e : batch.events()) {
      EncodedEvent encoded = truncator.apply(redactor.apply(e), "default");
      bh.consume(encoded);
    }
  }
}
