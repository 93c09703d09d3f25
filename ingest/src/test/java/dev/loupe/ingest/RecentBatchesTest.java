package dev.loupe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.time.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentBatchesTest {
  @TempDir Path dir;
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

  IngestResult appended(RecentBatches into, String id, long firstSeq) {
    CompletableFuture<IngestResult> mine = pending();
    assertThat(into.claim("default", id, mine)).isNull();
    into.settle("default", id, mine, new IngestResult(2, List.of(), firstSeq, firstSeq + 1));
    return new IngestResult(2, List.of(), firstSeq, firstSeq + 1);
  }

  @Test
  void theJournalRemembersAppendedBodiesAfterAKill() throws Exception {
    Path file = dir.resolve("batches.journal");
    RecentBatches killed = RecentBatches.open(clock, Duration.ofHours(1), 100, file);
    IngestResult b1 = appended(killed, "b1", 1);
    killed.claim("default", "pending", pending());
    CompletableFuture<IngestResult> failed = pending();
    killed.claim("default", "failed", failed);
    killed.release("default", "failed", failed);
    // Killed while writing a line: it has no newline, and its last number is cut short.
    Files.writeString(file, clock.epochMicros() + " default b9 2 30 3", java.nio.file.StandardOpenOption.APPEND);

    // Not closed: a new process reads what the killed one had written.
    try (RecentBatches after = RecentBatches.open(clock, Duration.ofHours(1), 100, file)) {
      assertThat(after.claim("default", "b1", pending()).get()).isEqualTo(b1);
      assertThat(after.claim("default", "pending", pending())).as("never appended").isNull();
      assertThat(after.claim("default", "failed", pending())).isNull();
      assertThat(after.claim("default", "b9", pending())).as("the torn line").isNull();
      appended(after, "b2", 5);
    }
    assertThat(Files.readString(file)).as("the torn line made way for the next").endsWith(" default b2 2 5 6\n")
        .doesNotContain("b9");
    try (RecentBatches again = RecentBatches.open(clock, Duration.ofHours(1), 100, file)) {
      assertThat(again.claim("default", "b2", pending()).get().firstSeq()).isEqualTo(5);
    }
    clock.advance(Duration.ofMinutes(61));
    try (RecentBatches later = RecentBatches.open(clock, Duration.ofHours(1), 100, file)) {
      assertThat(later.claim("default", "b1", pending())).as("past the TTL").isNull();
    }
    killed.close();
  }

  @Test
  void theJournalRotatesAfterTheBoundAndIsReadBackOldestFirst() throws Exception {
    Path file = dir.resolve("batches.journal");
    try (RecentBatches small = RecentBatches.open(clock, Duration.ofHours(1), 3, file)) {
      for (int i = 1; i <= 7; i++) {
        appended(small, "b" + i, i * 10);
      }
    }
    // Rotated before the 4th and the 7th line.
    assertThat(Files.readAllLines(dir.resolve("batches.journal.old"))).hasSize(3);
    assertThat(Files.readAllLines(file)).hasSize(1);

    try (RecentBatches reopened = RecentBatches.open(clock, Duration.ofHours(1), 3, file)) {
      assertThat(reopened.claim("default", "b7", pending()).get().firstSeq()).isEqualTo(70);
      assertThat(reopened.claim("default", "b5", pending()).get().firstSeq()).isEqualTo(50);
      assertThat(reopened.claim("default", "b4", pending())).as("pushed out by the bound").isNull();
    }
  }

  @Test
  void aLaterLineForAnIdReplacesTheEarlierAndMalformedLinesAreSkipped() throws Exception {
    Path file = dir.resolve("batches.journal");
    long now = clock.epochMicros();
    Files.writeString(file, now + " default x 1 5 5\n" + now + " default x 2 9 10\n" + now + " default y 2 9 9\n"
        + now + " Default z 1 3 3\n" + now + " default w 1 3 3 extra\n");

    try (RecentBatches recent = RecentBatches.open(clock, Duration.ofHours(1), 100, file)) {
      assertThat(recent.claim("default", "x", pending()).get().firstSeq()).isEqualTo(9);
      assertThat(recent.claim("default", "y", pending())).as("seqs that do not match the count").isNull();
      assertThat(recent.claim("Default", "z", pending())).isNull();
      assertThat(recent.claim("default", "w", pending())).isNull();
    }
  }

  @Test
  void aJournalThatCannotBeUsedLeavesTheIdsInMemory() throws Exception {
    // A directory where the file should be: it can be neither read nor written.
    try (RecentBatches recent = RecentBatches.open(clock, Duration.ofHours(1), 100, dir)) {
      IngestResult b1 = appended(recent, "b1", 1);
      assertThat(recent.claim("default", "b1", pending()).get()).isEqualTo(b1);
    }
  }
}
