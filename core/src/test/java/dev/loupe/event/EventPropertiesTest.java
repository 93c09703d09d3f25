package dev.loupe.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any JSON in gives a valid, encodable event or a violation naming a field — nothing else. */
class EventPropertiesTest {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  final EventTruncator truncator = new EventTruncator(FieldLimits.defaults().withMaxRecordBytes(64 * 1024));

  @Property(tries = 500)
  void anyJsonBecomesAValidEventOrAClearViolation(@ForAll("eventLikeJson") JsonNode input) throws IOException {
    byte[] json = EventJson.mapper().writeValueAsBytes(input);
    EventParser.Result result;
    try (JsonParser p = EventJson.factory().createParser(json)) {
      p.nextToken();
      result = EventParser.read(p, 1_795_435_200_000_000L, Source.of(SourceKind.PAGE, null));
      assertThat(p.nextToken()).isNull();
    }
    if (!result.ok()) {
      assertThat(result.violation().rule()).isNotBlank();
      assertThat(result.violation().message()).doesNotContain("Exception");
      return;
    }
    EncodedEvent encoded = truncator.apply(result.event(), "default");
    ByteBuffer line = ByteBuffer.allocate(EnvelopeCodec.maxEncodedLength(7, encoded.json().length));
    EnvelopeCodec.encodeInto(line, 42, 1_795_435_200_000_001L, "default".getBytes(StandardCharsets.US_ASCII),
        encoded.json());
    Envelope back = EnvelopeCodec.decode(line.array(), 0, line.position());

    assertThat(line.position()).isLessThanOrEqualTo(64 * 1024);
    assertThat(back.seq()).isEqualTo(42);
    assertThat(back.event()).isEqualTo(encoded.event());
    assertThat(back.event().category()).isEqualTo(Category.ofType(back.event().type()));
    assertThat(Arrays.equals(back.eventJson(), encoded.json())).isTrue();
  }

  @Property(tries = 500)
  void mangledBytesAreASyntaxErrorOrAResultButNeverACrash(@ForAll("eventLikeJson") JsonNode input,
      @ForAll("mutations") List<int[]> mutations) throws IOException {
    byte[] json = EventJson.mapper().writeValueAsBytes(input);
    for (int[] m : mutations) {
      if (json.length > 0) {
        json[Math.floorMod(m[0], json.length)] = (byte) m[1];
      }
    }
    try (JsonParser p = EventJson.factory().createParser(json)) {
      p.nextToken();
      EventParser.Result r = EventParser.read(p, 1_795_435_200_000_000L, Source.of(SourceKind.PAGE, null));
      if (r.ok()) {
        truncator.apply(r.event(), "default");
      }
    } catch (com.fasterxml.jackson.core.JacksonException syntaxError) {
      assertThat(syntaxError.getOriginalMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<List<int[]>> mutations() {
    return Combinators.combine(Arbitraries.integers(), Arbitraries.integers().between(0, 255))
        .as((pos, b) -> new int[] {pos, b}).list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<JsonNode> eventLikeJson() {
    Arbitrary<JsonNode> anyValue = anyJson(3);
    Arbitrary<JsonNode> type = Arbitraries.oneOf(
        Arbitraries.of("console.log", "network.request", "error.uncaught", "custom.x.y", "action.click",
            "performance.lcp", "websocket.message", "console.eror", "Console.Log", "nope", "", "a.b")
            .map(NODES::textNode),
        anyValue);
    Arbitrary<JsonNode> ts = Arbitraries.oneOf(
        Arbitraries.longs().between(946_684_800_000_000L, 4_102_444_799_999_999L).map(NODES::numberNode),
        Arbitraries.longs().map(NODES::numberNode), anyValue);
    Arbitrary<JsonNode> source = Arbitraries.oneOf(
        Arbitraries.of("page", "cdp", "robot").map(k -> (JsonNode) NODES.objectNode().put("kind", k)), anyValue);
    Arbitrary<JsonNode> category = Arbitraries.oneOf(Arbitraries.of("console", "network", "x").map(NODES::textNode),
        anyValue);
    Arbitrary<JsonNode> data = Arbitraries.oneOf(objects(3), anyValue);
    return Combinators.combine(type, ts, source, category, data, Arbitraries.integers().between(0, 31))
        .as((t, time, src, cat, d, mask) -> {
          ObjectNode o = NODES.objectNode();
          if ((mask & 1) != 0) {
            o.set("type", t);
          }
          if ((mask & 2) != 0) {
            o.set("ts", time);
          }
          if ((mask & 4) != 0) {
            o.set("source", src);
          }
          if ((mask & 8) != 0) {
            o.set("category", cat);
          }
          if ((mask & 16) != 0) {
            o.set("data", d);
          }
          return (JsonNode) o;
        });
  }

  private Arbitrary<JsonNode> objects(int depth) {
    return Arbitraries.maps(Arbitraries.strings().ofMaxLength(8), anyJson(depth - 1)).ofMaxSize(5).map(m -> {
      ObjectNode o = NODES.objectNode();
      m.forEach(o::set);
      return (JsonNode) o;
    });
  }

  private Arbitrary<JsonNode> anyJson(int depth) {
    Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(3000).map(NODES::textNode),
        Arbitraries.integers().map(NODES::numberNode),
        Arbitraries.doubles().map(NODES::numberNode),
        Arbitraries.of(true, false).map(NODES::booleanNode),
        Arbitraries.just(NODES.nullNode()));
    if (depth <= 0) {
      return scalar;
    }
    Arbitrary<JsonNode> array = anyJson(depth - 1).list().ofMaxSize(4).map(l -> {
      ArrayNode a = NODES.arrayNode();
      l.forEach(a::add);
      return (JsonNode) a;
    });
    return Arbitraries.oneOf(scalar, array, objects(depth));
  }
}
