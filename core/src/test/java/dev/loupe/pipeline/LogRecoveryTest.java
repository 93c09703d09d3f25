package dev.loupe.pipeline;

import static dev.loupe.pipeline.PipelineFixture.gaps;
import static dev.loupe.pipeline.PipelineFixture.open;
import static dev.loupe.pipeline.PipelineFixture.range;
import static dev.loupe.pipeline.PipelineFixture.readAll;
import static dev.loupe.pipeline.PipelineFixture.seqs;
import static dev.loupe.testing.SampleEvents.batch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.time.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRecoveryTest {
  @TempDir Path dir;
  final ManualClock clock = ManualClock.atDefaultInstant();

  PipelineConfig smallSegments() {
    PipelineConfig c = PipelineFixture.config(dir);
    return new PipelineConfig(c.log().withSegmentBytes(16 * 1024), c.fsyncInterval(), c.maxQueueBytes(),
        c.maxGroupBytes(), 0, 64, c.ringMaxBytes(), c.retentionCheckInterval());
  }

  void write(PipelineConfig config, int events) throws Exception {
    try (Pipeline p = open(config, clock)) {
      for (int i = 0; i < events; i += 10) {
        p.append("default", batch(i, 10), AckMode.DURABLE).get(5, TimeUnit.SECONDS);
      }
    }
  }

  List<Path> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
    }
  }

  @Test
  void aTornTailIsCutAndTheSequenceContinuesAfterTheLastWholeRecord() throws Exception {
    write(PipelineFixture.config(dir), 50);
    Path active = segmentFiles().get(0);
    long whole = Files.size(active);
    byte[] halfLine = "{\"seq\":51,\"received_at\":17954352001200".getBytes(StandardCharsets.US_ASCII);
    Files.write(active, halfLine, StandardOpenOption.APPEND);
    Files.write(active, new byte[4096], StandardOpenOption.APPEND);

    try (Pipeline p = open(PipelineFixture.config(dir), clock)) {
      assertThat(p.recovery().tornBytesCut()).isEqualTo(halfLine.length + 4096);
      assertThat(Files.size(active)).isEqualTo(whole);
      assertThat(p.lastSeq()).isEqualTo(50);
      assertThat(p.append("default", batch(50, 1), AckMode.DURABLE).get(5, TimeUnit.SECONDS).firstSeq()).isEqualTo(51);
      List<ReadResult> all = readAll(p, 0);
      assertThat(gaps(all)).isEmpty();
      assertThat(seqs(all)).isEqualTo(range(1, 51));
    }
  }

  @Test
  void aCorruptLineBetweenGoodOnesIsReportedAsAGapAndEverythingElseIsRead() throws Exception {
    write(PipelineFixture.config(dir), 30);
    Path active = segmentFiles().get(0);
    List<String> lines = Files.readAllLines(active, StandardCharsets.UTF_8);
    lines.set(11, "{\"seq\":12,\"received_at\":1795,\"project\":\"default\",\"event\":{\"ts\":x garbage");
    Files.write(active, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));

    try (Pipeline p = open(PipelineFixture.config(dir), clock)) {
      assertThat(p.recovery().corruptLines()).isEqualTo(1);
      assertThat(p.lastSeq()).isEqualTo(30);
      List<ReadResult> all = readAll(p, 0);

      assertThat(gaps(all)).containsExactly(new Gap(12, 12, Gap.Reason.CORRUPT));
      assertThat(seqs(all)).hasSize(29).doesNotContain(12L).contains(11L, 13L, 30L);
    }
  }

  @Test
  void aMissingIndexIsRebuiltFromTheSegments() throws Exception {
    write(smallSegments(), 300);
    assertThat(segmentFiles().size()).isGreaterThan(5);
    Files.delete(dir.resolve(SegmentIndex.FILE_NAME));

    try (Pipeline p = open(smallSegments(), clock)) {
      assertThat(p.recovery().indexRebuilt()).isTrue();
      assertThat(p.lastSeq()).isEqualTo(300);
      assertThat(seqs(readAll(p, 0))).isEqualTo(range(1, 300));
      assertThat(seqs(readAll(p, 250))).isEqualTo(range(251, 300));
    }
    assertThat(dir.resolve(SegmentIndex.FILE_NAME)).exists();
    try (Pipeline p = open(smallSegments(), clock)) {
      assertThat(p.recovery().indexRebuilt()).as("the rebuilt index is used next time").isFalse();
    }
  }

  @Test
  void anUnreadableIndexIsRebuiltToo() throws Exception {
    write(smallSegments(), 200);
    Files.writeString(dir.resolve(SegmentIndex.FILE_NAME), "not an index");

    try (Pipeline p = open(smallSegments(), clock)) {
      assertThat(p.recovery().indexRebuilt()).isTrue();
      assertThat(seqs(readAll(p, 0))).isEqualTo(range(1, 200));
    }
  }

  @Test
  void seqsAreNeverReusedEvenWhenTheNewestSegmentsAreDeletedByHand() throws Exception {
    write(smallSegments(), 300);
    List<Path> files = segmentFiles();
    Files.delete(files.get(files.size() - 1));
    Files.delete(files.get(files.size() - 2));

    try (Pipeline p = open(smallSegments(), clock)) {
      AppendResult next = p.append("default", batch(0, 1), AckMode.DURABLE).get(5, TimeUnit.SECONDS);
      assertThat(next.firstSeq()).as("continues after the highest seq the index has seen")
          .isGreaterThan(segmentSeqBefore(files.get(files.size() - 2)));
    }
  }

  private static long segmentSeqBefore(Path segment) {
    return Segment.parseFirstSeq(segment.getFileName().toString()) - 1;
  }
}
