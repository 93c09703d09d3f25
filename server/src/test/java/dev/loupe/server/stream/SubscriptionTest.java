package dev.loupe.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.loupe.drop.Drops;
import dev.loupe.event.Envelope;
import dev.loupe.pipeline.AckMode;
import dev.loupe.pipeline.Gap;
import dev.loupe.pipeline.LogConfig;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.pipeline.PipelineConfig;
import dev.loupe.testing.SampleEvents;
import dev.loupe.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriptionTest {
  @TempDir Path dir;

  static final class RecordingSink implements StreamSink {
    final List<Object> frames = new CopyOnWriteArrayList<>();
    final AtomicInteger keepAlives = new AtomicInteger();

    @Override
    public void event(Envelope envelope) {
      frames.add(envelope);
    }

    @Override
    public void gap(Gap gap) {
      frames.add(gap);
    }

    @Override
    public void keepAlive() {
      keepAlives.incrementAndGet();
    }

    @Override
    public void flush() {}
  }

  Thread run(Subscription s, RecordingSink sink) {
    Thread t = new Thread(() -> {
      try {
        s.run(sink);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    t.start();
    return t;
  }

  @Test
  void anIdleStreamGetsKeepAlivesEvenWhileFilteredEventsArrive() throws Exception {
    try (Pipeline p = Pipeline.open(PipelineConfig.defaults(LogConfig.defaults(dir)).withMinFreeBytes(0),
        Clock.system())) {
      StreamSelectors onlyErrors = StreamSelectors.fromQuery(java.util.Map.of("category", List.of("error")));
      Subscription s = new Subscription(p, new Drops(), onlyErrors, null, 1000, Duration.ofMillis(100));
      RecordingSink sink = new RecordingSink();
      Thread t = run(s, sink);
      for (int i = 0; i < 5; i++) {
        p.append("default", SampleEvents.batch(i, 10), AckMode.DURABLE).get(5, TimeUnit.SECONDS);
      }
      await().until(() -> sink.keepAlives.get() >= 2);
      s.stop();
      t.join(5000);
      assertThat(sink.frames).isEmpty();
    }
  }

  @Test
  void retentionGapsReachTheSubscriber() throws Exception {
    LogConfig log = LogConfig.defaults(dir).withSegmentBytes(16 * 1024).withRetention(Duration.ofDays(1), 32 * 1024);
    try (Pipeline p = Pipeline.open(PipelineConfig.defaults(log).withMinFreeBytes(0).withRing(16, 1 << 20),
        Clock.system())) {
      for (int i = 0; i < 30; i++) {
        p.append("default", SampleEvents.batch(i * 10, 10), AckMode.DURABLE).get(5, TimeUnit.SECONDS);
      }
      p.applyRetention();
      Subscription s = new Subscription(p, new Drops(), StreamSelectors.ALL, 0L, 1_000_000, Duration.ofSeconds(15));
      RecordingSink sink = new RecordingSink();
      Thread t = run(s, sink);
      await().until(() -> sink.frames.size() > 1);
      s.stop();
      t.join(5000);
      assertThat(sink.frames.get(0)).isInstanceOfSatisfying(Gap.class, g -> {
        assertThat(g.from()).isEqualTo(1);
        assertThat(g.reason()).isEqualTo(Gap.Reason.RETENTION);
      });
      assertThat(((Envelope) sink.frames.get(1)).seq()).isEqualTo(((Gap) sink.frames.get(0)).to() + 1);
    }
  }

  @Test
  void aLiveSubscriptionStartsWhereItWasMadeNotWhereItsThreadGotTo() throws Exception {
    try (Pipeline p = Pipeline.open(PipelineConfig.defaults(LogConfig.defaults(dir)).withMinFreeBytes(0),
        Clock.system())) {
      p.append("default", SampleEvents.batch(0, 3), AckMode.DURABLE).get(5, TimeUnit.SECONDS);
      Subscription s = new Subscription(p, new Drops(), StreamSelectors.ALL, null, 1000, Duration.ofSeconds(15));
      // The client has been told it is subscribed; what it posts now must reach it.
      p.append("default", SampleEvents.batch(3, 2), AckMode.DURABLE).get(5, TimeUnit.SECONDS);
      RecordingSink sink = new RecordingSink();
      Thread t = run(s, sink);
      await().until(() -> sink.frames.size() >= 2);
      s.stop();
      t.join(5000);
      assertThat(sink.frames).extracting(f -> ((Envelope) f).seq()).containsExactly(4L, 5L);
    }
  }
}
