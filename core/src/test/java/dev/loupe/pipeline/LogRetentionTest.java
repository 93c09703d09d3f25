package dev.loupe.pipeline;

import static dev.loupe.pipeline.PipelineFixture.gaps;
import static dev.loupe.pipeline.PipelineFixture.open;
import static dev.loupe.pipeline.PipelineFixture.readAll;
import static dev.loupe.pipeline.PipelineFixture.seqs;
import static dev.loupe.testing.SampleEvents.batch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRetentionTest {
  @TempDir Path dir;
  final ManualClock clock = ManualClock.atDefaultInstant();

  PipelineConfig config(Duration maxAge, long maxBytes) {
    PipelineConfig c = PipelineFixture.config(dir);
    return new PipelineConfig(c.log().withSegmentBytes(16 * 1024).withRetention(maxAge, maxBytes),
        c.fsyncInterval(), c.maxQueueBytes(), c.maxGroupBytes(), 0, 16, c.ringMaxBytes(), Duration.ofHours(1));
  }

  @Test
  void theOldestSegmentsGoWhenTheLogIsOverItsSizeAndReadersGetARetentionGap() throws Exception {
    try (Pipeline p = open(config(Duration.ofDays(7), 64 * 1024), clock)) {
      for (int i = 0; i < 50; i++) {
        p.append("default", batch(i * 10, 10), AckMode.DURABLE).get(5, TimeUnit.SECONDS);
      }
      long before = p.stats().logBytes();

      DurableLog.RetentionResult deleted = p.applyRetention();

      assertThat(deleted.segments()).isPositive();
      assertThat(p.stats().logBytes()).isLessThanOrEqualTo(64 * 1024).isLessThan(before);
      long oldest = p.stats().oldestSeq();
      List<ReadResult> all = readAll(p, 0);
      assertThat(gaps(all)).containsExactly(new Gap(1, oldest - 1, Gap.Reason.RETENTION));
      assertThat(seqs(all)).first().isEqualTo(oldest);
      assertThat(seqs(all)).last().isEqualTo(500L);
    }
  }

  @Test
  void segmentsWhoseNewestEventIsOlderThanTheMaximumAgeGoButTheActiveOneStays() throws Exception {
    try (Pipeline p = open(config(Duration.ofHours(2), Long.MAX_VALUE), clock)) {
      for (int i = 0; i < 20; i++) {
        p.append("default", batch(i * 10, 10), AckMode.DURABLE).get(5, TimeUnit.SECONDS);
      }
      clock.advance(Duration.ofHours(1));
      assertThat(p.applyRetention().segments()).as("not old enough yet").isZero();

      clock.advance(Duration.ofHours(2));
      p.applyRetention();

      assertThat(p.stats().segments()).isEqualTo(1);
      assertThat(p.lastSeq()).isEqualTo(200);
      AppendResult next = p.append("default", batch(0, 1), AckMode.DURABLE).get(5, TimeUnit.SECONDS);
      assertThat(next.firstSeq()).isEqualTo(201);
    }
  }

  @Test
  void aReaderInsideADeletedSegmentFinishesItAndThenReportsWhatItMissed() throws Exception {
    try (Pipeline p = open(config(Duration.ofDays(7), 32 * 1024), clock)) {
      for (int i = 0; i < 30; i++) {
        p.append("default", batch(i * 10, 10), AckMode.DURABLE).get(5, TimeUnit.SECONDS);
      }
      try (Reader reader = p.reader(0)) {
        assertThat(reader.tryNext().envelopeOrNull().seq()).isEqualTo(1);
        p.applyRetention();
        long expected = 2;
        ReadResult r;
        while ((r = reader.tryNext()) != null) {
          if (r instanceof Gap g) {
            assertThat(g.from()).isEqualTo(expected);
            assertThat(g.reason()).isEqualTo(Gap.Reason.RETENTION);
            expected = g.to() + 1;
          } else {
            assertThat(r.envelopeOrNull().seq()).isEqualTo(expected);
            expected++;
          }
        }
        assertThat(expected).isEqualTo(301);
      }
    }
  }

  @Test
  void aConsumerCanStartFromTheFirstSegmentReceivedSinceAGivenTime() throws Exception {
    try (Pipeline p = open(config(Duration.ofDays(7), Long.MAX_VALUE), clock)) {
      for (int i = 0; i < 10; i++) {
        p.append("default", batch(i * 10, 10), AckMode.DURABLE).get(5, TimeUnit.SECONDS);
      }
      clock.advance(Duration.ofHours(2));
      long since = clock.epochMicros();
      for (int i = 0; i < 100; i++) {
        p.append("default", batch(i * 10, 10), AckMode.DURABLE).get(5, TimeUnit.SECONDS);
      }

      long from = p.firstSeqReceivedSince(since);

      assertThat(from).isGreaterThan(1).isLessThanOrEqualTo(101);
      assertThat(p.firstSeqReceivedSince(clock.epochMicros() + 1)).isEqualTo(p.lastSeq() + 1);
    }
  }
}
