package dev.loupe.pipeline;

import dev.loupe.event.EncodedEvent;
import dev.loupe.event.Envelope;
import dev.loupe.testing.SampleEvents;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Publishing groups of 50 envelopes into the ring alone (the sync thread's share of the work). Events/s. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RingBenchmark {
  static final int GROUP = 50;
  private Ring ring;
  private Envelope[] group;
  private EncodedEvent[] events;
  private long seq;

  @Setup(Level.Trial)
  public void setUp() {
    ring = new Ring(65_536, 256L << 20, 0);
    events = SampleEvents.batch(0, GROUP).toArray(new EncodedEvent[0]);
    group = new Envelope[GROUP];
  }

  @Benchmark
  @OperationsPerInvocation(GROUP)
  public long publish() {
    for (int i = 0; i < GROUP; i++) {
      EncodedEvent e = events[i];
      group[i] = new Envelope(++seq, 1_795_435_200_000_000L, "default", e.event(), e.json());
    }
    ring.publish(group, GROUP);
    return ring.published();
  }
}
