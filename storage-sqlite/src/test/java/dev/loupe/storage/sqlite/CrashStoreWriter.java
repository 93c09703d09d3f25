package dev.loupe.storage.sqlite;

import dev.loupe.drop.Drops;
import dev.loupe.pipeline.AckMode;
import dev.loupe.pipeline.AppendResult;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.storage.RetentionPolicy;
import dev.loupe.storage.TestPipelines;
import dev.loupe.storage.writer.StoreWriter;
import dev.loupe.storage.writer.StoreWriterConfig;
import dev.loupe.testing.SampleEvents;
import dev.loupe.time.Clock;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The child process of {@link StoreWriterCrashIT}: a pipeline and a store writer into SQLite, with
 * two threads appending durable batches as fast as they can and printing each acknowledged range,
 * until it is killed.
 */
public final class CrashStoreWriter {
  private CrashStoreWriter() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Pipeline pipeline = Pipeline.open(TestPipelines.config(dir.resolve("log")), Clock.system());
    SqliteStorage storage = SqliteStorage.open(dir.resolve("loupe.db"), 1, RetentionPolicy.defaults());
    StoreWriter.start(pipeline, storage, null, new Drops(), StoreWriterConfig.defaults().withMaxBatch(300));
    PrintStream out = System.out;
    out.println("READY " + pipeline.lastSeq());
    out.flush();
    for (int t = 0; t < 2; t++) {
      int thread = t;
      new Thread(() -> {
        for (int i = 0; ; i++) {
          AppendResult r = pipeline.append("default", SampleEvents.batch(thread * 1_000_000 + i * 50, 50),
              AckMode.DURABLE).join();
          synchronized (out) {
            out.println("ACK " + r.firstSeq() + " " + r.lastSeq());
            out.flush();
          }
        }
      }, "crash-appender-" + t).start();
    }
    Thread.currentThread().join();
  }
}
