package dev.loupe.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.blob.BlobStore;
import dev.loupe.drop.Drops;
import dev.loupe.event.Category;
import dev.loupe.event.DetailLevel;
import dev.loupe.event.Event;
import dev.loupe.event.EventJson;
import dev.loupe.event.Source;
import dev.loupe.event.SourceKind;
import dev.loupe.pipeline.AppendResult;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.storage.RetentionPolicy;
import dev.loupe.storage.StoredOnce;
import dev.loupe.storage.TestPipelines;
import dev.loupe.storage.jdbc.WriteHook;
import dev.loupe.storage.writer.StoreWriter;
import dev.loupe.storage.writer.StoreWriterConfig;
import dev.loupe.testing.SampleEvents;
import dev.loupe.time.Clock;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store writer with a real pipeline and SQLite: exactly once across restarts and failures. */
class StoreWriterSqliteTest {
  @TempDir Path dir;
  final Drops drops = new Drops();
  final StoreWriterConfig config = StoreWriterConfig.defaults().withMaxBatch(200)
      .withBackoff(Duration.ofMillis(5), Duration.ofMillis(100));

  SqliteStorage storage() {
    return SqliteStorage.open(dir.resolve("loupe.db"), 2, RetentionPolicy.defaults());
  }

  Pipeline pipeline() {
    return TestPipelines.open(TestPipelines.config(dir.resolve("log")), Clock.system());
  }

  @Test
  void storesEveryEventOnce() throws Exception {
    try (Pipeline p = pipeline(); SqliteStorage s = storage()) {
      TestPipelines.appendConsole(p, 0, 40);
      try (StoreWriter w = StoreWriter.start(p, s, null, drops, config)) {
        await().atMost(Duration.ofSeconds(60)).until(() -> w.lag() == 0);
        assertThat(w.state()).isEqualTo(StoreWriter.State.RUNNING);
        assertThat(w.lastError()).isNull();
      }
      StoredOnce.assertAll(s, 2000);
      assertThat(s.checkpoints().load(StoreWriter.CONSUMER)).isEqualTo(2000);
    }
  }

  @Test
  void resumesAfterARestartBetweenBatchesWithoutDuplicates() throws Exception {
    try (Pipeline p = pipeline()) {
      TestPipelines.appendConsole(p, 0, 40);
      try (SqliteStorage s = storage();
           StoreWriter w = StoreWriter.start(p, s, null, drops, config.withMaxBatch(50))) {
        await().atMost(Duration.ofSeconds(60)).until(() -> w.checkpoint() >= 500);
      }
      TestPipelines.appendConsole(p, 5000, 20);
      try (SqliteStorage s = storage()) {
        long resumed = s.checkpoints().load(StoreWriter.CONSUMER);
        assertThat(resumed).isBetween(500L, 2000L);
        try (StoreWriter w = StoreWriter.start(p, s, null, drops, config)) {
          await().atMost(Duration.ofSeconds(60)).until(() -> w.lag() == 0);
        }
        StoredOnce.assertAll(s, 3000);
      }
    }
  }

  @Test
  void aTransactionKilledHalfwayIsRedoneExactlyOnce() throws Exception {
    try (Pipeline p = pipeline(); SqliteStorage s = storage()) {
      TestPipelines.appendConsole(p, 0, 40);
      AtomicInteger transactions = new AtomicInteger();
      s.writeHook((stage, connection) -> {
        int n = transactions.incrementAndGet();
        if (stage == WriteHook.Stage.SESSIONS_UPSERTED && n % 7 == 0) {
          connection.close(); // the process "dies" with events and sessions written but not committed
        }
        if (stage == WriteHook.Stage.EVENTS_INSERTED && n % 11 == 0) {
          throw new SQLException("killed after the events insert");
        }
      });
      try (StoreWriter w = StoreWriter.start(p, s, null, drops, config)) {
        await().atMost(Duration.ofSeconds(60)).until(() -> w.lag() == 0);
        assertThat(w.failures()).isPositive();
      }
      StoredOnce.assertAll(s, 2000);
    }
  }

  @Test
  void retriesWithBackoffWhileWritesFailThenCatchesUp() throws Exception {
    try (Pipeline p = pipeline(); SqliteStorage s = storage()) {
      AtomicInteger failuresLeft = new AtomicInteger(Integer.MAX_VALUE);
      s.writeHook((stage, connection) -> {
        if (stage == WriteHook.Stage.CHECKPOINT_SAVED && failuresLeft.getAndDecrement() > 0) {
          throw new SQLException("database is locked (simulated)");
        }
      });
      try (StoreWriter w = StoreWriter.start(p, s, null, drops, config)) {
        TestPipelines.appendConsole(p, 0, 10);
        await().atMost(Duration.ofSeconds(30)).until(() -> w.failures() >= 5);
        assertThat(w.state()).isEqualTo(StoreWriter.State.RETRYING);
        assertThat(w.lastError()).hasMessageContaining("simulated");
        assertThat(w.lag()).isEqualTo(500);
        TestPipelines.appendConsole(p, 1000, 10);
        assertThat(w.lag()).as("ingest goes on; the log holds the backlog").isEqualTo(1000);

        failuresLeft.set(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> w.lag() == 0);
        assertThat(w.state()).isEqualTo(StoreWriter.State.RUNNING);
      }
      StoredOnce.assertAll(s, 1000);
    }
  }

  @Test
  void closeFinishesTheBatchInHandAndRecordsItsCheckpoint() throws Exception {
    try (Pipeline p = pipeline(); SqliteStorage s = storage()) {
      TestPipelines.appendConsole(p, 0, 40);
      StoreWriter w = StoreWriter.start(p, s, null, drops, config.withMaxBatch(20));
      await().atMost(Duration.ofSeconds(30)).until(() -> w.checkpoint() > 0);
      w.close();
      assertThat(w.state()).isEqualTo(StoreWriter.State.STOPPED);
      long cp = s.checkpoints().load(StoreWriter.CONSUMER);
      assertThat(cp).isEqualTo(w.checkpoint());
      assertThat(StoredOnce.seqs(s).cardinality()).isEqualTo((int) cp);
    }
  }

  @Test
  void screenshotBytesAreCopiedFromTheBlobStore() throws Exception {
    try (Pipeline p = pipeline(); SqliteStorage s = storage()) {
      BlobStore blobs = new BlobStore(dir.resolve("blobs"));
      byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 42};
      String hash = blobs.put(png);
      ObjectNode data = EventJson.nodes().objectNode().put("format", "png").put("width", 1).put("height", 1)
          .put("size", png.length).put("sha256", hash);
      Event e = new Event(SampleEvents.TS, "screenshot.capture", Category.SCREENSHOT, DetailLevel.STANDARD, "s1",
          "https://shop.example/", Source.of(SourceKind.PAGE, "loupe-sdk/0.1.0"), data, false);
      AppendResult r = TestPipelines.append(p, List.of(SampleEvents.encoded(e)));
      try (StoreWriter w = StoreWriter.start(p, s, blobs, drops, config)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> w.lag() == 0);
      }
      assertThat(s.screenshots().image(r.firstSeq()).orElseThrow().bytes()).isEqualTo(png);
      assertThat(s.sessions().get("s1").orElseThrow().screenshotCount()).isEqualTo(1);
    }
  }
}
