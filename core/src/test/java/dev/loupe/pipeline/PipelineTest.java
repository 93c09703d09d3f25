package dev.loupe.pipeline;

import static dev.loupe.pipeline.PipelineFixture.gaps;
import static dev.loupe.pipeline.PipelineFixture.open;
import static dev.loupe.pipeline.PipelineFixture.range;
import static dev.loupe.pipeline.PipelineFixture.readAll;
import static dev.loupe.pipeline.PipelineFixture.seqs;
import static dev.loupe.testing.SampleEvents.batch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.event.Envelope;
import dev.loupe.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {
  @TempDir Path dir;
  final ManualClock clock = ManualClock.atDefaultInstant();

  @Test
  void batchesGetConsecutiveSeqsAndReadersSeeThemInOrder() throws Exception {
    try (Pipeline p = open(PipelineFixture.config(dir), clock)) {
      AppendResult a = p.append("default", batch(0, 50), AckMode.DURABLE).get(5, TimeUnit.SECONDS);
      AppendResult b = p.append("default", batch(50, 50), AckMode.DURABLE).get(5, TimeUnit.SECONDS);

      assertThat(a).isEqualTo(new AppendResult(1, 50));
      assertThat(b).isEqualTo(new AppendResult(51, 100));
      List<ReadResult> all = readAll(p, 0);
      assertThat(seqs(all)).isEqualTo(range(1, 100));
      Envelope first = all.get(0).envelopeOrNull();
      assertThat(first.project()).isEqualTo("default");
      assertThat(first.receivedAt()).isEqualTo(clock.epochMicros());
      assertThat(first.event().type()).isEqualTo("console.log");
    }
  }

  @Test
  void aDurableAppendIsVisibleToReadersWhenItsFutureCompletes() throws Exception {
    try (Pipeline p = open(PipelineFixture.config(dir), clock); Reader reader = p.liveReader()) {
      AppendResult r = p.append("default", batch(0, 3), AckMode.DURABLE).get(5, TimeUnit.SECONDS);

      assertThat(p.lastSeq()).isGreaterThanOrEqualTo(r.lastSeq());
      assertThat(reader.tryNext()).isNotNull();
    }
  }

  @Test
  void aBufferedAppendBecomesVisibleAfterTheFsyncInterval() throws Exception {
    try (Pipeline p = open(PipelineFixture.config(dir).withFsyncInterval(Duration.ofMillis(5)),
        dev.loupe.time.Clock.system()); Reader reader = p.liveReader()) {
      AppendResult r = p.append("default", batch(0, 5), AckMode.BUFFERED).get(5, TimeUnit.SECONDS);

      assertThat(r).isEqualTo(new AppendResult(1, 5));
      ReadResult first = reader.next(Duration.ofSeconds(5));
      assertThat(first.envelopeOrNull().seq()).isEqualTo(1);
    }
  }

  @Test
  void aReaderResumesExactlyAfterTheSeqItWasGiven() throws Exception {
    try (Pipeline p = open(PipelineFixture.config(dir), clock)) {
      p.append("default", batch(0, 30), AckMode.DURABLE).get(5, TimeUnit.SECONDS);

      assertThat(seqs(readAll(p, 17))).isEqualTo(range(18, 30));
    }
  }

  @Test
  void afterARestartTheSequenceContinuesAndOldEventsAreReadFromTheLog() throws Exception {
    try (Pipeline p = open(PipelineFixture.config(dir), clock)) {
      p.append("default", batch(0, 40), AckMode.DURABLE).get(5, TimeUnit.SECONDS);
    }
    try (Pipeline p = open(PipelineFixture.config(dir), clock)) {
      assertThat(p.lastSeq()).isEqualTo(40);
      AppendResult next = p.append("default", batch(40, 10), AckMode.DURABLE).get(5, TimeUnit.SECONDS);

      assertThat(next).isEqualTo(new AppendResult(41, 50));
      List<ReadResult> all = readAll(p, 0);
      assertThat(seqs(all)).isEqualTo(range(1, 50));
      assertThat(all.get(7).envelopeOrNull().event().data().get("message").asText()).startsWith("checkout step 7 ");
    }
  }

  @Test
  void aReaderWhoseSeqLeftTheRingReadsTheLogWithoutGaps() throws Exception {
    PipelineConfig config = PipelineFixture.config(dir).withRing(16, 1 << 20);
    try (Pipeline p = open(config, clock)) {
      for (int i = 0; i < 20; i++) {
        p.append("default", batch(i * 50, 50), AckMode.DURABLE).get(5, TimeUnit.SECONDS);
      }

      List<ReadResult> all = readAll(p, 0);
      assertThat(gaps(all)).isEmpty();
      assertThat(seqs(all)).isEqualTo(range(1, 1000));
    }
  }

  @Test
  void theRingHonoursItsByteBudget() throws Exception {
    PipelineConfig config = PipelineFixture.config(dir).withRing(1024, 10_000);
    try (Pipeline p = open(config, clock)) {
      p.append("default", batch(0, 200), AckMode.DURABLE).get(5, TimeUnit.SECONDS);

      assertThat(p.stats().ringOldestSeq()).isGreaterThan(180);
      assertThat(seqs(readAll(p, 0))).isEqualTo(range(1, 200));
    }
  }

  @Test
  void aBlockingReadWaitsForTheNextEventOrTimesOut() throws Exception {
    try (Pipeline p = open(PipelineFixture.config(dir), clock); Reader reader = p.liveReader()) {
      assertThat(reader.next(Duration.ofMillis(20))).isNull();

      Thread producer = new Thread(() -> p.append("default", batch(0, 1), AckMode.DURABLE).join());
      producer.start();
      ReadResult r = reader.next(Duration.ofSeconds(10));
      producer.join();
      assertThat(r.envelopeOrNull().seq()).isEqualTo(1);
    }
  }

  @Test
  void skippingForwardIsReportedAsAGap() throws Exception {
    try (Pipeline p = open(PipelineFixture.config(dir), clock); Reader reader = p.reader(0)) {
      p.append("default", batch(0, 10), AckMode.DURABLE).get(5, TimeUnit.SECONDS);

      Gap gap = reader.skipTo(7, Gap.Reason.SUBSCRIBER_OVERFLOW);

      assertThat(gap).isEqualTo(new Gap(1, 7, Gap.Reason.SUBSCRIBER_OVERFLOW));
      assertThat(gap.count()).isEqualTo(7);
      assertThat(reader.tryNext().envelopeOrNull().seq()).isEqualTo(8);
    }
  }

  @Test
  void closeMakesEveryAcceptedBufferedAppendDurable() throws Exception {
    Pipeline p = open(PipelineFixture.config(dir).withFsyncInterval(Duration.ofHours(1)), clock);
    for (int i = 0; i < 10; i++) {
      p.append("default", batch(i * 10, 10), AckMode.BUFFERED);
    }
    p.close();
    try (Pipeline reopened = open(PipelineFixture.config(dir), clock)) {
      assertThat(seqs(readAll(reopened, 0))).isEqualTo(range(1, 100));
    }
  }

  @Test
  void appendsAfterCloseAreRefused() throws Exception {
    Pipeline p = open(PipelineFixture.config(dir), clock);
    p.close();

    assertThat(p.append("default", batch(0, 1), AckMode.DURABLE))
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause()
        .isInstanceOfSatisfying(AppendRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(AppendRefusedException.Reason.CLOSED));
  }

  @Test
  void segmentsRollBySizeAndReadersCrossThem() throws Exception {
    PipelineConfig config = PipelineFixture.config(dir)
        .withRing(8, 1 << 20);
    config = new PipelineConfig(config.log().withSegmentBytes(8 * 1024), config.fsyncInterval(),
        config.maxQueueBytes(), config.maxGroupBytes(), 0, 8, 1 << 20, config.retentionCheckInterval());
    try (Pipeline p = open(config, clock)) {
      for (int i = 0; i < 40; i++) {
        p.append("default", batch(i * 10, 10), AckMode.DURABLE).get(5, TimeUnit.SECONDS);
      }

      assertThat(p.stats().segments()).isGreaterThan(10);
      assertThat(seqs(readAll(p, 0))).isEqualTo(range(1, 400));
      assertThat(seqs(readAll(p, 123))).isEqualTo(range(124, 400));
    }
  }
}
