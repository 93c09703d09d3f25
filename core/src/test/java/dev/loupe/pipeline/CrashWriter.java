package dev.loupe.pipeline;

import dev.loupe.testing.SampleEvents;
import dev.loupe.time.Clock;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The child process of {@link CrashRecoveryIT}: appends durable batches from several threads as
 * fast as it can and prints each acknowledged range, until it is killed.
 */
public final class CrashWriter {
  private CrashWriter() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    PipelineConfig config = PipelineConfig.defaults(LogConfig.defaults(dir).withSegmentBytes(256 * 1024))
        .withMinFreeBytes(0);
    Pipeline pipeline = Pipeline.open(config, Clock.system());
    PrintStream out = System.out;
    out.println("READY " + pipeline.lastSeq());
    out.flush();
    for (int t = 0; t < 4; t++) {
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
      }, "crash-writer-" + t).start();
    }
    Thread.currentThread().join();
  }
}
