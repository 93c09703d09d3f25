package dev.loupe.storage.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.drop.Drops;
import dev.loupe.event.Category;
import dev.loupe.event.DetailLevel;
import dev.loupe.event.Envelope;
import dev.loupe.event.Event;
import dev.loupe.event.EventCodec;
import dev.loupe.event.EventJson;
import dev.loupe.event.Source;
import dev.loupe.event.SourceKind;
import dev.loupe.pipeline.AckMode;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.storage.EventFilter;
import dev.loupe.storage.Page;
import dev.loupe.storage.SessionFilter;
import dev.loupe.storage.Storage;
import dev.loupe.storage.TestPipelines;
import dev.loupe.storage.WriteBatch;
import dev.loupe.storage.writer.StoreWriter;
import dev.loupe.storage.writer.StoreWriterConfig;
import dev.loupe.testing.SampleEvents;
import dev.loupe.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The storage benchmarks, run by each backend module's {@code bench} profile.
 *
 * <ul>
 *   <li>{@code catchup}: the log holds N events (50-event batches of ~550-byte console events from
 *       200 sessions, {@link SampleEvents}); a store writer starts from zero and the time until it
 *       has stored them all gives its sustained rate (reading back from log segments included).</li>
 *   <li>{@code live}: the same events appended by a producer while the writer runs (it reads from
 *       the ring).</li>
 *   <li>{@code query}: a store of 1 M events in 20 000 sessions (ten of them with 5 000 events);
 *       latency of one session's events (5 000, one page) and of the session list page.</li>
 * </ul>
 */
public final class StorageBench {
  private final String name;
  private final Supplier<Storage> open;
  private final Path dir;
  private final java.util.function.Consumer<Storage> settle;

  /**
   * @param settle run after the query store is filled, to bring it to a steady state (PostgreSQL:
   *     the VACUUM ANALYZE that autovacuum would have done by then)
   */
  public StorageBench(String name, Path dir, Supplier<Storage> open, java.util.function.Consumer<Storage> settle) {
    this.name = name;
    this.dir = dir;
    this.open = open;
    this.settle = settle;
  }

  public StorageBench(String name, Path dir, Supplier<Storage> open) {
    this(name, dir, open, s -> { });
  }

  /** Runs what {@code args} name ({@code catchup}, {@code live}, {@code query}; default all). */
  public void run(String[] args) throws Exception {
    List<String> which = args.length == 0 || args[0].equals("default") ? List.of("catchup", "live", "query")
        : Arrays.asList(args[0].split(","));
    int events = Integer.getInteger("bench.events", 500_000);
    System.out.printf(Locale.ROOT, "# %s storage bench, %d cores, load average %s%n", name,
        Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim());
    if (which.contains("direct")) {
      direct(events);
    }
    if (which.contains("read")) {
      readOnly(events);
    }
    if (which.contains("catchup")) {
      catchUp(events);
    }
    if (which.contains("live")) {
      live(events);
    }
    if (which.contains("query")) {
      query(Integer.getInteger("bench.queryEvents", 1_000_000), 20_000);
    }
  }

  private void catchUp(int events) throws Exception {
    Path logDir = Files.createTempDirectory(dir, "catchup");
    try (Pipeline p = TestPipelines.open(TestPipelines.config(logDir), Clock.system()); Storage s = open.get()) {
      TestPipelines.bulkConsole(p, 0, events / 50);
      long start = System.nanoTime();
      try (StoreWriter w = StoreWriter.start(p, s, null, new Drops(), StoreWriterConfig.defaults())) {
        awaitCaughtUp(w, events);
      }
      report("catchup", events, System.nanoTime() - start);
    }
  }

  /**
   * The store's own write capacity: the same events, already decoded, handed to the backend's
   * writer in batches of 5000 (what the store writer does once it has read a batch).
   */
  private void direct(int events) throws Exception {
    List<Envelope> all = new ArrayList<>(events);
    for (int i = 0; i < events; i++) {
      var e = SampleEvents.consoleEncoded(i);
      all.add(new Envelope(i + 1, SampleEvents.TS + i, "default", e.event(), e.json()));
    }
    try (Storage s = open.get()) {
      long start = System.nanoTime();
      for (int i = 0; i < events; i += 5000) {
        List<Envelope> batch = all.subList(i, Math.min(events, i + 5000));
        s.writer().write(new WriteBatch("bench", batch, Map.of(), batch.get(batch.size() - 1).seq()));
      }
      report("direct write (no log)", events, System.nanoTime() - start);
    }
  }

  /** What reading the log back costs by itself (the upper bound of a catch-up). */
  private void readOnly(int events) throws Exception {
    Path logDir = Files.createTempDirectory(dir, "read");
    try (Pipeline p = TestPipelines.open(TestPipelines.config(logDir), Clock.system())) {
      TestPipelines.bulkConsole(p, 0, events / 50);
      long start = System.nanoTime();
      long n = 0;
      try (var reader = p.reader(0)) {
        List<dev.loupe.pipeline.ReadResult> out = new ArrayList<>();
        while (reader.position() < p.lastSeq()) {
          out.clear();
          n += reader.drainTo(out, 1000, java.time.Duration.ofMillis(50));
        }
      }
      report("log read (no store)", (int) n, System.nanoTime() - start);
    }
  }

  private void live(int events) throws Exception {
    Path logDir = Files.createTempDirectory(dir, "live");
    try (Pipeline p = TestPipelines.open(TestPipelines.config(logDir), Clock.system()); Storage s = open.get()) {
      List<List<dev.loupe.event.EncodedEvent>> batches = new ArrayList<>();
      for (int b = 0; b < events / 50; b++) {
        batches.add(SampleEvents.batch(b * 50, 50));
      }
      long start = System.nanoTime();
      try (StoreWriter w = StoreWriter.start(p, s, null, new Drops(), StoreWriterConfig.defaults())) {
        for (var batch : batches) {
          // one batch in flight, acknowledged once written: as fast as the log takes it, never refused
          p.append("default", batch, AckMode.BUFFERED).join();
        }
        long appended = System.nanoTime() - start;
        awaitCaughtUp(w, events);
        System.out.printf(Locale.ROOT, "live: producer appended %d events in %.2f s%n", events, appended / 1e9);
      }
      report("live", events, System.nanoTime() - start);
    }
  }

  /** Waits until the writer has stored seq {@code last} (the log holds exactly the benchmark's events). */
  private static void awaitCaughtUp(StoreWriter w, long last) throws InterruptedException {
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (w.checkpoint() < last) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("writer stuck at " + w.checkpoint() + " of " + last, w.lastError());
      }
      if (w.state() == StoreWriter.State.STOPPED) {
        throw new IllegalStateException("writer stopped", w.lastError());
      }
      Thread.sleep(2); // a benchmark polling for completion; tests use Awaitility
    }
  }

  private void report(String what, int events, long nanos) {
    System.out.printf(Locale.ROOT, "%s: %s stored %d events in %.2f s = %,.0f events/s%n", name, what, events,
        nanos / 1e9, events / (nanos / 1e9));
  }

  private void query(int total, int sessions) throws Exception {
    try (Storage s = open.get()) {
      long t0 = System.nanoTime();
      if (s.events().list(EventFilter.builder().limit(1).build()).total() != total) {
        fill(s, total, sessions);
        System.out.printf(Locale.ROOT, "query: filled %d events / %d sessions in %.1f s%n", total, sessions,
            (System.nanoTime() - t0) / 1e9);
      }
      settle.accept(s);
      for (int warm = 0; warm < 20; warm++) {
        s.events().list(EventFilter.builder().sessionId("big-" + (warm % 10)).limit(5000).build());
        s.sessions().list(SessionFilter.builder().build());
      }
      time("session events (5000, one page)", 50, i -> {
        Page<Envelope> p = s.events().list(EventFilter.builder().sessionId("big-" + (i % 10)).limit(5000).build());
        check(p.data().size() == 5000, "5000 events");
      });
      time("session events, console.* only (5000)", 20, i -> s.events().list(
          EventFilter.builder().sessionId("big-" + (i % 10)).type("console.*").limit(5000).build()));
      time("session list page (20, -started_at, with total)", 100,
          i -> check(s.sessions().list(SessionFilter.builder().build()).data().size() == 20, "20 sessions"));
      String cursor = s.sessions().list(SessionFilter.builder().build()).nextCursor();
      time("session list next page (cursor)", 100,
          i -> s.sessions().list(SessionFilter.builder().cursor(cursor).build()));
      time("session list has_errors=true", 50, i -> s.sessions().list(SessionFilter.builder().hasErrors(true).build()));
      time("events across sessions, last 100 of type console.error", 20, i -> s.events().list(
          EventFilter.builder().type("console.error").afterSeq((long) total - 20_000).limit(100).build()));
    }
  }

  /** Deletes a directory tree (the bench's temporary files). */
  public static void delete(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  interface Body {
    void run(int i) throws Exception;
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("expected " + what);
    }
  }

  private static void time(String what, int runs, Body body) throws Exception {
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      body.run(i);
      nanos[i] = System.nanoTime() - t;
    }
    Arrays.sort(nanos);
    System.out.printf(Locale.ROOT, "query: %-52s median %6.1f ms  p90 %6.1f ms  max %6.1f ms%n", what,
        nanos[runs / 2] / 1e6, nanos[runs * 9 / 10] / 1e6, nanos[runs - 1] / 1e6);
  }

  /**
   * Writes {@code total} events: every 20th goes to one of ten big sessions (5 000 each of 1 M),
   * the rest round-robin to the other sessions, each of which starts with a {@code session.start};
   * one event in 50 is a {@code console.error}.
   */
  private static void fill(Storage s, int total, int sessions) {
    int small = sessions - 10;
    long base = SampleEvents.TS - 30L * 86_400_000_000L / 2;
    AtomicLong seq = new AtomicLong();
    List<Envelope> batch = new ArrayList<>(1000);
    for (int i = 0; i < total; i++) {
      long sq = seq.incrementAndGet();
      String sessionId;
      String type;
      if (i % 20 == 0) {
        sessionId = "big-" + ((i / 20) % 10);
        type = "console.log";
      } else {
        int k = i % small;
        sessionId = "s-" + k;
        type = i < small ? "session.start" : (i % 50 == 7 ? "console.error" : "console.log");
      }
      Event proto = SampleEvents.console(i, sessionId);
      ObjectNode data = type.equals("session.start")
          ? EventJson.nodes().objectNode().put("page_url", "https://shop.example/p/" + (i % 97)).put("browser", "Chrome")
              .put("os", "Linux").put("device_type", "desktop").put("viewport_width", 1280).put("viewport_height", 720)
          : proto.data();
      Event e = new Event(base + i * 1000L, type, Category.ofType(type), DetailLevel.STANDARD, sessionId, proto.url(),
          Source.of(SourceKind.PAGE, "loupe-sdk/0.1.0", type), data, false);
      batch.add(new Envelope(sq, base + i * 1000L, "default", e, EventCodec.encode(e)));
      if (batch.size() == 1000) {
        s.writer().write(new WriteBatch("bench", batch, Map.of(), sq));
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      s.writer().write(new WriteBatch("bench", batch, Map.of(), seq.get()));
    }
  }
}
