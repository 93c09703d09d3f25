package dev.loupe.pipeline;

import static dev.loupe.pipeline.PipelineFixture.gaps;
import static dev.loupe.pipeline.PipelineFixture.open;
import static dev.loupe.pipeline.PipelineFixture.range;
import static dev.loupe.pipeline.PipelineFixture.readAll;
import static dev.loupe.pipeline.PipelineFixture.seqs;
import static dev.loupe.testing.SampleEvents.batch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.pipeline.AppendRefusedException.Reason;
import dev.loupe.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineFailureTest {
  @TempDir Path dir;
  final ManualClock clock = ManualClock.atDefaultInstant();
  final FaultyChannels channels = new FaultyChannels();

  PipelineConfig config() {
    PipelineConfig c = PipelineFixture.config(dir);
    return new PipelineConfig(c.log().withChannels(channels), c.fsyncInterval(), c.maxQueueBytes(),
        c.maxGroupBytes(), 0, c.ringCapacity(), c.ringMaxBytes(), c.retentionCheckInterval());
  }

  static Reason refusalOf(CompletableFuture<AppendResult> f) throws InterruptedException {
    try {
      f.get(10, TimeUnit.SECONDS);
      throw new AssertionError("expected a refusal, got " + f.join());
    } catch (ExecutionException e) {
      return ((AppendRefusedException) e.getCause()).reason();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no answer", e);
    }
  }

  @Test
  void aFullDiskRefusesTheBatchTakesItsSeqsBackAndRecoversWhenSpaceReturns() throws Exception {
    try (Pipeline p = open(config(), clock)) {
      p.append("default", batch(0, 10), AckMode.DURABLE).get(5, TimeUnit.SECONDS);

      channels.diskFull = true;
      assertThat(refusalOf(p.append("default", batch(10, 10), AckMode.DURABLE))).isEqualTo(Reason.DISK_FULL);
      channels.diskFull = false;
      assertThat(refusalOf(p.append("default", batch(10, 10), AckMode.DURABLE)))
          .as("refused for a while after a failure, without touching the disk").isEqualTo(Reason.DISK_FULL);
      assertThat(p.refusal().retryAfter()).isPositive();

      clock.advance(Duration.ofSeconds(2));
      AppendResult next = p.append("default", batch(10, 10), AckMode.DURABLE).get(5, TimeUnit.SECONDS);
      assertThat(next).isEqualTo(new AppendResult(11, 20));
      List<ReadResult> all = readAll(p, 0);
      assertThat(gaps(all)).isEmpty();
      assertThat(seqs(all)).isEqualTo(range(1, 20));
    }
    try (Pipeline reopened = open(PipelineFixture.config(dir), clock)) {
      assertThat(reopened.recovery().tornBytesCut()).as("the short write was cut back at once").isZero();
      assertThat(seqs(readAll(reopened, 0))).isEqualTo(range(1, 20));
    }
  }

  @Test
  void lessFreeSpaceThanTheReserveIsRefusedBeforeWriting() throws Exception {
    PipelineConfig c = config().withMinFreeBytes(Long.MAX_VALUE);
    try (Pipeline p = open(c, clock)) {
      assertThat(refusalOf(p.append("default", batch(0, 10), AckMode.DURABLE))).isEqualTo(Reason.DISK_FULL);
      assertThat(p.lastSeq()).isZero();
    }
  }

  @Test
  void aWriterThatCannotKeepUpRefusesAsSaturatedInsteadOfQueueingWithoutBound() throws Exception {
    PipelineConfig c = config().withMaxQueueBytes(20_000);
    channels.writeGate = new CountDownLatch(1);
    try (Pipeline p = open(c, clock)) {
      List<CompletableFuture<AppendResult>> accepted = new ArrayList<>();
      Reason refused = null;
      for (int i = 0; i < 100 && refused == null; i++) {
        CompletableFuture<AppendResult> f = p.append("default", batch(i * 10, 10), AckMode.DURABLE);
        if (f.isCompletedExceptionally()) {
          refused = refusalOf(f);
        } else {
          accepted.add(f);
        }
      }
      assertThat(refused).isEqualTo(Reason.SATURATED);

      channels.writeGate.countDown();
      for (CompletableFuture<AppendResult> f : accepted) {
        assertThat(f.get(10, TimeUnit.SECONDS).count()).isEqualTo(10);
      }
      assertThat(seqs(readAll(p, 0))).isEqualTo(range(1, accepted.size() * 10L));
    }
  }

  @Test
  void aFailedFsyncFailsTheWaitingProducersAndTheLogStaysClosedToAppends() throws Exception {
    try (Pipeline p = open(config(), clock)) {
      p.append("default", batch(0, 5), AckMode.DURABLE).get(5, TimeUnit.SECONDS);
      channels.fsyncFails = true;

      assertThat(refusalOf(p.append("default", batch(5, 5), AckMode.DURABLE))).isEqualTo(Reason.FAILED);
      channels.fsyncFails = false;
      assertThat(refusalOf(p.append("default", batch(10, 5), AckMode.DURABLE))).isEqualTo(Reason.FAILED);
      assertThat(p.lastSeq()).as("nothing unsynced was published").isEqualTo(5);
    }
  }
}
