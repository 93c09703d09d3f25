package dev.loupe.bench;

import dev.loupe.pipeline.ReaderFanout;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./loupe bench …}: the load generator, the reader fan-out run and the JMH benchmarks. */
@Command(name = "loupe bench", mixinStandardHelpOptions = true,
    description = "Loupe's measurements (run on a quiet machine; numbers, not pass/fail).",
    subcommands = {BenchMain.Ingest.class, BenchMain.Stream.class, BenchMain.Readers.class, BenchMain.Jmh.class})
public final class BenchMain implements Runnable {
  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  /** Posts batches to a running server. */
  @Command(name = "ingest", mixinStandardHelpOptions = true,
      description = "Load a running server's POST /v1/events from N connections (loopback only).")
  static final class Ingest implements Callable<Integer> {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:7070/v1/events") URI url;
    @Option(names = "--key", required = true, description = "The project's ingest key.") String key;
    @Option(names = "--connections", defaultValue = "8") int connections;
    @Option(names = "--batch", defaultValue = "50") int batch;
    @Option(names = "--seconds", defaultValue = "30") int seconds;
    @Option(names = "--warmup-seconds", defaultValue = "10") int warmup;
    @Option(names = "--rate", defaultValue = "0", description = "Target events/s (0: as fast as answered).") long rate;
    @Option(names = "--kind", defaultValue = "console", description = "console, network or mixed.") String kind;
    @Option(names = "--batch-ids", description = "Give each request a unique batch id, as the SDK does.")
    boolean batchIds;

    @Override
    public Integer call() throws Exception {
      if (!url.getHost().equals("127.0.0.1") && !url.getHost().equals("localhost") && !url.getHost().equals("::1")) {
        System.err.println("the load generator only targets loopback addresses");
        return 2;
      }
      IngestLoad.run(new IngestLoad.Options(url, key, connections, batch, Duration.ofSeconds(seconds),
          Duration.ofSeconds(warmup), rate, kind, batchIds), System.out);
      return 0;
    }
  }

  /** SSE subscribers of a running server while producers post at a fixed rate. */
  @Command(name = "stream", mixinStandardHelpOptions = true,
      description = "N live-stream subscribers of a running server while producers post at a fixed rate.")
  static final class Stream implements Callable<Integer> {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:7070") URI url;
    @Option(names = "--key", required = true, description = "The project's ingest key.") String key;
    @Option(names = "--admin-key", required = true) String adminKey;
    @Option(names = "--subscribers", defaultValue = "100") int subscribers;
    @Option(names = "--rate", defaultValue = "50000") long rate;
    @Option(names = "--seconds", defaultValue = "20") int seconds;
    @Option(names = "--connections", defaultValue = "8") int connections;
    @Option(names = "--per-session", defaultValue = "false",
        description = "Each subscriber follows one session instead of every event.") boolean perSession;

    @Override
    public Integer call() throws Exception {
      if (!url.getHost().equals("127.0.0.1") && !url.getHost().equals("localhost")) {
        System.err.println("benchmarks only target loopback addresses");
        return 2;
      }
      StreamFanout.run(new StreamFanout.Options(url, key, adminKey, subscribers, rate, Duration.ofSeconds(seconds),
          perSession, connections), System.out);
      return 0;
    }
  }

  /** Readers following a fixed-rate producer in-process. */
  @Command(name = "readers", mixinStandardHelpOptions = true,
      description = "N pipeline readers following a producer at a fixed rate (in-process, on disk under target/).")
  static final class Readers implements Callable<Integer> {
    @Option(names = "--readers", defaultValue = "100") int readers;
    @Option(names = "--rate", defaultValue = "200000") int rate;
    @Option(names = "--seconds", defaultValue = "20") int seconds;

    @Override
    public Integer call() throws Exception {
      ReaderFanout.run(readers, rate, Duration.ofSeconds(seconds), System.out);
      return 0;
    }
  }

  /** Runs the JMH benchmarks (arguments go to JMH, e.g. -f 1 -wi 3 -i 5 Append). */
  @Command(name = "jmh", description = "Run the JMH benchmarks; arguments are JMH's (-h for its help), e.g. "
      + "-f 1 -wi 3 -i 5 Append")
  static final class Jmh implements Callable<Integer> {
    @CommandLine.Unmatched List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      org.openjdk.jmh.Main.main(args.toArray(new String[0]));
      return 0;
    }
  }
}
