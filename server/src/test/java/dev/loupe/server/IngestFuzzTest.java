package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mangled bodies on every ingest route: never a 5xx, the server stays healthy, and a
 * well-behaved client posting in between keeps getting its events accepted.
 */
class IngestFuzzTest {
  static Path dir;
  static TestServer server;
  static final List<String> ROUTES = List.of("/v1/events", "/sync", "/api/v1/sessions", "/api/v1/track",
      "/api/v1/track/screenshot", "/api/client-telemetry");
  static final List<String> SEEDS = List.of(
      "{\"session\": {\"browser\": \"x\"}, \"events\": [{\"type\": \"console.log\", \"session_id\": \"s\","
          + " \"ts\": 1795435200000000, \"data\": {\"message\": \"m\", \"args\": [1, {\"a\": [true, null]}]}}]}",
      "[{\"type\": \"network.request\", \"data\": {\"url\": \"https://a/?token=x\", \"request_headers\": {\"a\": \"b\"}}}]",
      dev.loupe.ingest.compat.SeedPayloads.SYNC, dev.loupe.ingest.compat.SeedPayloads.TRACK,
      dev.loupe.ingest.compat.SeedPayloads.TELEMETRY_BATCH, dev.loupe.ingest.compat.SeedPayloads.SCREENSHOT);

  @BeforeContainer
  static void start() throws Exception {
    dir = Files.createTempDirectory("loupe-fuzz");
    server = TestServer.start(dir);
  }

  @AfterContainer
  static void stop() throws Exception {
    server.close();
  }

  @Property(tries = 300)
  void noBodyMakesTheServerFail(@ForAll("routes") String route, @ForAll("bodies") byte[] body,
      @ForAll("contentTypes") String contentType) {
    HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url(route)))
        .header("X-Loupe-Key", TestServer.INGEST_KEY).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

    assertThat(r.statusCode()).as("%s %s", route, new String(body, StandardCharsets.UTF_8)).isLessThan(500);
    if (r.statusCode() >= 400) {
      assertThat(Json.parse(r.body()).get("message").asText()).isNotBlank();
    }
    HttpResponse<String> good = server.ingestJson("/v1/events", "[{\"type\": \"console.log\"}]");
    assertThat(good.statusCode()).as("another client is unaffected").isEqualTo(202);
  }

  @Provide
  Arbitrary<String> routes() {
    return Arbitraries.of(ROUTES);
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.of("application/json", "application/x-ndjson", "text/plain;charset=UTF-8", "application/json; charset=utf-8");
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    Arbitrary<byte[]> mutated = Combinators.combine(Arbitraries.of(SEEDS),
            Arbitraries.integers().between(0, 1 << 20).list().ofMinSize(1).ofMaxSize(6),
            Arbitraries.bytes().list().ofMinSize(1).ofMaxSize(6))
        .as((seed, positions, values) -> {
          byte[] b = seed.getBytes(StandardCharsets.UTF_8);
          for (int i = 0; i < Math.min(positions.size(), values.size()); i++) {
            b[positions.get(i) % b.length] = values.get(i);
          }
          return b;
        });
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
    Arbitrary<byte[]> deep = Arbitraries.integers().between(100, 3000)
        .map(n -> ("[{\"type\":\"custom.x\",\"data\":{\"a\":" + "[".repeat(n) + "]".repeat(n) + "}}]")
            .getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> wrongTypes = Arbitraries.of("{\"events\": {}}", "{\"events\": [1, \"x\", null]}", "{\"session\": 4}",
        "[{\"type\": [], \"ts\": {}, \"data\": \"x\", \"source\": []}]", "{\"session_id\": 5, \"events\": \"no\"}",
        "{\"image_data\": 12, \"session_id\": \"a\"}", "\"just a string\"", "null", "12e999999")
        .map(s -> s.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> hugeStrings = Arbitraries.integers().between(100_000, 3_000_000)
        .map(n -> ("[{\"type\":\"console.log\",\"data\":{\"message\":\"" + "x".repeat(n) + "\"}}]")
            .getBytes(StandardCharsets.UTF_8));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, mutated), net.jqwik.api.Tuple.of(2, random), net.jqwik.api.Tuple.of(1, deep),
        net.jqwik.api.Tuple.of(2, wrongTypes), net.jqwik.api.Tuple.of(1, hugeStrings));
  }
}
