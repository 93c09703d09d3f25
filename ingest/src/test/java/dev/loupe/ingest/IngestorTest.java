package dev.loupe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.drop.DropReason;
import dev.loupe.drop.Drops;
import dev.loupe.event.FieldLimits;
import dev.loupe.event.EventTruncator;
import dev.loupe.pipeline.AckMode;
import dev.loupe.pipeline.LogConfig;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.pipeline.PipelineConfig;
import dev.loupe.redact.RedactionCounts;
import dev.loupe.redact.RedactionRules;
import dev.loupe.redact.Redactor;
import dev.loupe.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestorTest {
  @TempDir Path dir;
  final ManualClock clock = ManualClock.atDefaultInstant();
  final Drops drops = new Drops();
  final RedactionCounts counts = new RedactionCounts();
  final RecentBatches recent = RecentBatches.defaults(clock);
  Redactor redactor;
  Pipeline pipeline;
  Ingestor ingestor;

  @BeforeEach
  void open() throws Exception {
    redactor = new Redactor(RedactionRules.defaults(), counts, new byte[32]);
    openPipeline();
  }

  void openPipeline() throws Exception {
    pipeline = Pipeline.open(PipelineConfig.defaults(LogConfig.defaults(dir)).withMinFreeBytes(0), clock);
    ingestor = new Ingestor(pipeline, project -> redactor, new EventTruncator(FieldLimits.defaults()), drops,
        IngestObserver.NONE, recent);
  }

  @AfterEach
  void close() throws Exception {
    pipeline.close();
  }

  ParsedBatch parse(String body) {
    return new NativeBatchParser(1000).parse(body.getBytes(StandardCharsets.UTF_8), BodyFormat.JSON,
        clock.epochMicros());
  }

  String log() throws Exception {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".log")).toList()) {
        all.append(Files.readString(f));
      }
    }
    return all.toString();
  }

  @Test
  void secretsAreRedactedBeforeTheyReachTheLog() throws Exception {
    ParsedBatch b = parse("""
        [{"type": "network.request", "url": "https://shop.example/?token=t0p", "data": {
          "url": "https://api.example/pay?api_key=k3y",
          "request_headers": {"Authorization": "Bearer sekr1t-value"},
          "request_body": "{\\"card\\": \\"4111 1111 1111 1111\\", \\"password\\": \\"hunter2\\", \\"email\\": \\"ann@example.com\\"}"}}]
        """);

    IngestResult r = ingestor.submit("default", b.events(), b.rejected(), AckMode.DURABLE).get(5, TimeUnit.SECONDS);

    assertThat(r.accepted()).isEqualTo(1);
    assertThat(r.firstSeq()).isEqualTo(1);
    String onDisk = log();
    assertThat(onDisk).doesNotContain("t0p", "k3y", "sekr1t", "4111 1111", "hunter2", "ann@example.com")
        .contains("[REDACTED:query]", "[REDACTED:card]", "[REDACTED:email]");
    assertThat(counts.count("header")).isEqualTo(1);
  }

  @Test
  void rejectedEventsAndClientReportedDropsAreCounted() throws Exception {
    ParsedBatch b = parse("""
        [{"type": "console.nope"},
         {"type": "system.client_drops", "data": {"drops": {"queue_full": 7, "rate_limited": 3, "before_send": 5}}}]
        """);

    IngestResult r = ingestor.submit("default", b.events(), b.rejected(), AckMode.DURABLE).get(5, TimeUnit.SECONDS);

    assertThat(r.accepted()).isEqualTo(1);
    assertThat(r.rejected()).hasSize(1);
    assertThat(drops.count(DropReason.INVALID)).isEqualTo(1);
    assertThat(drops.count(DropReason.CLIENT_DROPPED)).isEqualTo(10);
    // What the app's own filter left out is no loss: counted apart.
    assertThat(drops.count(DropReason.CLIENT_FILTERED)).isEqualTo(5);
  }

  @Test
  void eventsTheLogRefusesAreCountedAsUnavailable() throws Exception {
    pipeline.close();
    ParsedBatch b = parse("[{\"type\": \"console.log\"}, {\"type\": \"console.log\"}]");

    assertThat(ingestor.submit("default", b.events(), b.rejected(), AckMode.DURABLE))
        .failsWithin(java.time.Duration.ofSeconds(5));
    assertThat(drops.count(DropReason.UNAVAILABLE)).isEqualTo(2);
  }

  @Test
  void aBodySentAgainWithItsBatchIdIsAnsweredFromTheFirstAndAppendedOnce() throws Exception {
    ParsedBatch b = parse("""
        {"batch": "b-1", "events": [{"type": "console.log"}, {"type": "console.eror"}, {"type": "console.log"}]}
        """);
    assertThat(b.batch()).isEqualTo("b-1");

    // Sent again at once, as two tabs sending one offline body (the second may find the first
    // still waiting for its fsync), and later, as a retry after a lost answer.
    var first = ingestor.submit("default", b.batch(), b.events(), b.rejected(), AckMode.DURABLE);
    var again = ingestor.submit("default", b.batch(), b.events(), b.rejected(), AckMode.DURABLE);
    IngestResult r1 = first.get(5, TimeUnit.SECONDS);
    IngestResult r2 = again.get(5, TimeUnit.SECONDS);
    IngestResult r3 = ingestor.submit("default", b.batch(), b.events(), b.rejected(), AckMode.DURABLE)
        .get(5, TimeUnit.SECONDS);

    assertThat(r1.accepted()).isEqualTo(2);
    assertThat(r1.rejected()).hasSize(1);
    IngestResult duplicate = new IngestResult(2, List.of(), 1, 2, true);
    assertThat(r2).isEqualTo(duplicate);
    assertThat(r3).isEqualTo(duplicate);
    assertThat(pipeline.lastSeq()).isEqualTo(2);
    assertThat(drops.count(DropReason.INVALID)).as("its rejections counted once").isEqualTo(1);
    assertThat(ingestor.submit("other", b.batch(), b.events(), b.rejected(), AckMode.DURABLE)
        .get(5, TimeUnit.SECONDS).duplicate()).as("another project's body").isFalse();
  }

  @Test
  void aBodyOfWhichNothingWasKeptIsRefusedAgain() throws Exception {
    ParsedBatch b = parse("{\"batch\": \"b-3\", \"events\": [{\"type\": \"console.eror\"}]}");

    for (int i = 0; i < 2; i++) {
      IngestResult r = ingestor.submit("default", b.batch(), b.events(), b.rejected(), AckMode.DURABLE)
          .get(5, TimeUnit.SECONDS);
      assertThat(r.duplicate()).isFalse();
      assertThat(r.rejected()).hasSize(1);
    }
  }

  @Test
  void aBodyWhoseAppendFailedIsAppendedWhenItIsSentAgain() throws Exception {
    ParsedBatch b = parse("{\"batch\": \"b-2\", \"events\": [{\"type\": \"console.log\"}]}");
    pipeline.close();
    assertThat(ingestor.submit("default", b.batch(), b.events(), b.rejected(), AckMode.DURABLE))
        .failsWithin(java.time.Duration.ofSeconds(5));

    openPipeline();
    IngestResult retry = ingestor.submit("default", b.batch(), b.events(), b.rejected(), AckMode.DURABLE)
        .get(5, TimeUnit.SECONDS);

    assertThat(retry.duplicate()).isFalse();
    assertThat(retry.accepted()).isEqualTo(1);
  }
}
