package dev.loupe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.time.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RecentBatchesTest {
  final ManualClock clock = ManualClock.atDefaultInstant();
  final RecentBatches recent = new RecentBatches(clock, Duration.ofHours(1), 3);

  static CompletableFuture<IngestResult> pending() {
    return new CompletableFuture<>();
  }

  @Test
  void theFirstRequestWithAnIdAppendsAndARepeatGetsItsResult() {
    CompletableFuture<IngestResult> first = pending();
    assertThat(recent.claim("default", "b1", first)).isNull();

    assertThat(recent.claim("default", "b1", pending())).isSameAs(first);
    assertThat(recent.claim("other", "b1", pending())).as("ids are per project").isNull();
    assertThat(recent.claim("default", "b2", pending())).isNull();
  }

  @Test
  void aFailedAppendForgetsTheIdSoThatTheRetryAppends() {
    CompletableFuture<IngestResult> first = pending();
    recent.claim("default", "b1", first);
    CompletableFuture<IngestResult> retry = pending();

    recent.release("default", "b1", retry);
    assertThat(recent.claim("default", "b1", pending())).as("only its own request releases an id").isSameAs(first);

    recent.release("default", "b1", first);
    assertThat(recent.claim("default", "b1", retry)).isNull();
  }

  @Test
  void anAppendedRequestKeepsOnlyItsCountsAndSeqs() throws Exception {
    CompletableFuture<IngestResult> first = pending();
    recent.claim("default", "b1", first);

    recent.settle("default", "b1", first, new IngestResult(2, List.of(new Rejection(2, "events[2].type", "bad")), 7, 8));

    IngestResult kept = recent.claim("default", "b1", pending()).get();
    assertThat(kept).isEqualTo(new IngestResult(2, List.of(), 7, 8));
  }

  @Test
  void idsAreForgottenAfterTheTtlAndBeyondTheBoundOldestFirst() {
    recent.claim("default", "b1", pending());
    clock.advance(Duration.ofMinutes(30));
    recent.claim("default", "b2", pending());
    clock.advance(Duration.ofMinutes(31));

    assertThat(recent.claim("default", "b1", pending())).as("over an hour old").isNull();
    assertThat(recent.claim("default", "b2", pending())).isNotNull();

    recent.claim("default", "b3", pending());
    recent.claim("default", "b4", pending());
    assertThat(recent.size()).isEqualTo(3);
    assertThat(recent.claim("default", "b2", pending())).as("the oldest made room").isNull();
  }
}
