package dev.loupe.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.loupe.drop.Drops;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.storage.StoredOnce;
import dev.loupe.storage.TestPipelines;
import dev.loupe.storage.writer.StoreWriter;
import dev.loupe.storage.writer.StoreWriterConfig;
import dev.loupe.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL goes away under load (a proxy between the store and the server cuts every connection
 * and refuses new ones) and comes back: the writer retries, keeps its position while ingest goes
 * on, and catches up by itself with nothing lost or stored twice.
 */
class StoreWriterOutageTest {
  @TempDir Path dir;

  @AfterAll
  static void dropSchemas() {
    TestPostgres.dropSchemas();
  }

  @Test
  void nothingIsLostWhenTheDatabaseIsCutUnderLoad() throws Exception {
    TestPostgres.url();
    try (CuttableProxy proxy = new CuttableProxy(TestPostgres.host(), TestPostgres.port());
         Pipeline p = TestPipelines.open(TestPipelines.config(dir), Clock.system());
         PostgresStorage s = PostgresStorage.open(TestPostgres.configFor(
             TestPostgres.url().replace(":" + TestPostgres.port() + "/", ":" + proxy.port() + "/"),
             TestPostgres.newSchema()), Clock.system())) {
      StoreWriterConfig config = StoreWriterConfig.defaults().withMaxBatch(500)
          .withBackoff(Duration.ofMillis(20), Duration.ofMillis(500));
      AtomicBoolean producing = new AtomicBoolean(true);
      AtomicReference<Throwable> producerFailure = new AtomicReference<>();
      // Produces until told to stop, so that the cut always happens under load.
      Thread producer = new Thread(() -> {
        try {
          for (int i = 0; producing.get(); i++) {
            TestPipelines.appendConsole(p, i * 50, 1);
          }
        } catch (Throwable e) {
          producerFailure.set(e);
        }
      }, "outage-producer");
      try (StoreWriter w = StoreWriter.start(p, s, null, new Drops(), config)) {
        producer.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> w.checkpoint() >= 2000);

        proxy.cut();
        long atCut = p.lastSeq();
        await().atMost(Duration.ofSeconds(30)).until(() -> w.state() == StoreWriter.State.RETRYING);
        await().atMost(Duration.ofSeconds(30)).until(() -> p.lastSeq() >= atCut + 1000);
        long stuck = w.checkpoint();
        assertThat(w.lag()).as("the log holds the backlog").isGreaterThanOrEqualTo(1000);
        assertThat(w.lastError()).isNotNull();

        proxy.restore();
        long atRestore = p.lastSeq();
        await().atMost(Duration.ofSeconds(30)).until(() -> p.lastSeq() >= atRestore + 1000);
        producing.set(false);
        producer.join();
        assertThat(producerFailure.get()).isNull();
        await().atMost(Duration.ofSeconds(60)).until(() -> w.lag() == 0);
        assertThat(w.checkpoint()).isGreaterThan(stuck);
        assertThat(w.state()).isEqualTo(StoreWriter.State.RUNNING);
      }
      StoredOnce.assertAll(s, p.lastSeq());
    }
  }
}
