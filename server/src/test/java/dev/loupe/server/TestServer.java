package dev.loupe.server;

import dev.loupe.pipeline.LogConfig;
import dev.loupe.pipeline.Pipeline;
import dev.loupe.pipeline.PipelineConfig;
import dev.loupe.pipeline.ReadResult;
import dev.loupe.pipeline.Reader;
import dev.loupe.time.Clock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A real Loupe server on a random port with known keys, and an HTTP client for it. */
public final class TestServer implements AutoCloseable {
  public static final String INGEST_KEY = "lp_ingest_test";
  public static final String ADMIN_KEY = "lp_admin_test";

  public final LoupeServer server;
  public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestServer(LoupeServer server) {
    this.server = server;
  }

  /** Test defaults: a random port, known keys, no rate limit, no free-disk reserve. */
  public static ServerConfig.Builder config(Path dataDir) {
    return ServerConfig.defaults(dataDir).toBuilder().port(0).keys(ADMIN_KEY, INGEST_KEY).rateLimit(null)
        .minFreeDiskBytes(0);
  }

  public static TestServer start(Path dataDir, Clock clock, UnaryOperator<ServerConfig.Builder> customize)
      throws IOException {
    return new TestServer(LoupeServer.start(customize.apply(config(dataDir)).build(), clock));
  }

  public static TestServer start(Path dataDir) throws IOException {
    return start(dataDir, Clock.system(), c -> c);
  }

  public String url(String path) {
    return server.baseUrl() + path;
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** POST with the ingest key and the given content type. */
  public HttpResponse<String> ingest(String path, String contentType, String body) {
    return send(HttpRequest.newBuilder(URI.create(url(path))).header("X-Loupe-Key", INGEST_KEY)
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public HttpResponse<String> ingestJson(String path, String body) {
    return ingest(path, "application/json", body);
  }

  public HttpResponse<String> getAsAdmin(String path) {
    return send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + ADMIN_KEY).GET());
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
  }

  @Override
  public void close() {
    server.close();
  }

  /** Every event in a data directory's log (open it only after the server stopped). */
  public static List<ReadResult> readLog(Path dataDir) throws Exception {
    List<ReadResult> out = new ArrayList<>();
    try (Pipeline p = Pipeline.open(PipelineConfig.defaults(LogConfig.defaults(dataDir.resolve("log")))
        .withMinFreeBytes(0), Clock.system()); Reader r = p.reader(0)) {
      ReadResult next;
      while (r.position() < p.lastSeq() && (next = r.next(Duration.ofSeconds(5))) != null) {
        out.add(next);
      }
    }
    return out;
  }
}
