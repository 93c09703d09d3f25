package dev.loupe.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.drop.DropReason;
import dev.loupe.drop.Drops;
import dev.loupe.event.Envelope;
import dev.loupe.event.Event;
import dev.loupe.event.EventCodec;
import dev.loupe.event.EventJson;
import dev.loupe.event.EventRules;
import dev.loupe.event.Source;
import dev.loupe.event.SourceKind;
import dev.loupe.time.ManualClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CategoryBuffersTest {
  final ManualClock clock = ManualClock.atDefaultInstant();
  final Drops drops = new Drops();
  long seq;

  Envelope envelope(String type, ObjectNode data) {
    Event e = EventRules.event(clock.epochMicros(), type, null, null, "s1", null, Source.of(SourceKind.PAGE, "t"),
        data, false);
    return new Envelope(++seq, clock.epochMicros(), "default", e, EventCodec.encode(e));
  }

  Envelope console() {
    return envelope("console.log", EventJson.nodes().objectNode().put("message", "hello"));
  }

  CategoryBuffers buffers(int consoleEntries, long consoleBytes, long globalBytes) {
    Map<String, BufferSpec> specs = new LinkedHashMap<>(BufferSpec.defaults());
    specs.put("console", new BufferSpec("console", consoleEntries, consoleBytes, Duration.ofMinutes(5)));
    return new CategoryBuffers(specs, globalBytes, clock, drops);
  }

  @Test
  void theDefaultsFollowTheDesignTable() {
    Map<String, BufferSpec> d = BufferSpec.defaults();
    assertThat(d.get("console")).isEqualTo(new BufferSpec("console", 1000, 50L << 20, Duration.ofMinutes(5)));
    assertThat(d.get("error")).isEqualTo(new BufferSpec("error", 200, 20L << 20, Duration.ofMinutes(15)));
    assertThat(d.get("network_bodies")).isEqualTo(new BufferSpec("network_bodies", 100, 200L << 20,
        Duration.ofMinutes(10)));
    assertThat(d.get("action").maxEntries()).isEqualTo(5000);
    assertThat(CategoryBuffers.DEFAULT_GLOBAL_MAX_BYTES).isEqualTo(500L << 20);
  }

  @Test
  void statsDescribeWhatIsHeld() {
    CategoryBuffers b = buffers(100, 1 << 20, 1 << 30);
    Envelope first = console();
    b.add(first);
    clock.advance(Duration.ofSeconds(3));
    Envelope second = console();
    b.add(second);

    BufferStats s = b.stats().get("console");
    assertThat(s.entryCount()).isEqualTo(2);
    assertThat(s.oldestTs()).isEqualTo(first.receivedAt());
    assertThat(s.newestTs()).isEqualTo(second.receivedAt());
    assertThat(s.estimatedBytes()).isEqualTo(first.estimatedBytes() + second.estimatedBytes());
    assertThat(s.warning()).isFalse();
    assertThat(b.select(List.of("console"), e -> true, 10)).extracting(Envelope::seq)
        .containsExactly(first.seq(), second.seq());
  }

  @Test
  void expiredEntriesGoFirstWhenABufferIsFull() {
    CategoryBuffers b = buffers(10, 1 << 20, 1 << 30);
    for (int i = 0; i < 10; i++) {
      b.add(console());
    }
    clock.advance(Duration.ofMinutes(6));
    Envelope fresh = console();

    assertThat(b.add(fresh)).isTrue();

    BufferStats s = b.stats().get("console");
    assertThat(s.entryCount()).isEqualTo(1);
    assertThat(s.ttlExpiredCount()).isEqualTo(10);
    assertThat(s.evictedCount()).isZero();
    assertThat(s.lastClearedAt()).isEqualTo(clock.epochMicros());
  }

  @Test
  void whenNothingExpiredTheOldestTenPercentAreEvicted() {
    CategoryBuffers b = buffers(100, 1 << 20, 1 << 30);
    for (int i = 0; i < 100; i++) {
      b.add(console());
    }

    assertThat(b.add(console())).isTrue();

    BufferStats s = b.stats().get("console");
    assertThat(s.entryCount()).isEqualTo(91);
    assertThat(s.evictedCount()).isEqualTo(10);
    assertThat(b.select(List.of("console"), e -> true, 1).get(0).seq()).isEqualTo(11);
    assertThat(drops.count(DropReason.EVICTED)).isEqualTo(10);
  }

  @Test
  void theByteBoundEvictsToo() {
    Envelope probe = console();
    CategoryBuffers b = buffers(1000, probe.estimatedBytes() * 20L, 1 << 30);
    for (int i = 0; i < 25; i++) {
      b.add(console());
    }

    assertThat(b.stats().get("console").estimatedBytes()).isLessThanOrEqualTo(probe.estimatedBytes() * 20L);
    assertThat(b.stats().get("console").evictedCount()).isPositive();
  }

  @Test
  void whenTheGlobalCapIsTakenByOthersNewEventsAreDroppedAndCounted() {
    Envelope probe = console();
    CategoryBuffers b = buffers(1000, 1 << 20, probe.estimatedBytes() * 5L);
    for (int i = 0; i < 5; i++) {
      b.add(console());
    }

    boolean kept = b.add(envelope("error.uncaught", EventJson.nodes().objectNode().put("message", "boom")));

    assertThat(kept).isFalse();
    assertThat(drops.count(DropReason.BUFFER_FULL)).isEqualTo(1);
    assertThat(b.stats().get("error").droppedCount()).isEqualTo(1);
    assertThat(b.warning()).isTrue();
  }

  @Test
  void aBufferWarnsAtEightyPercent() {
    CategoryBuffers b = buffers(10, 1 << 20, 1 << 30);
    for (int i = 0; i < 7; i++) {
      b.add(console());
    }
    assertThat(b.stats().get("console").warning()).isFalse();
    b.add(console());
    assertThat(b.stats().get("console").warning()).isTrue();
    assertThat(b.stats().get("console").utilization()).isEqualTo(0.8);
  }

  @Test
  void networkEventsWithBodiesHaveTheirOwnBuffer() {
    CategoryBuffers b = buffers(10, 1 << 20, 1 << 30);
    b.add(envelope("network.request", EventJson.nodes().objectNode().put("url", "https://a/")));
    b.add(envelope("network.request", EventJson.nodes().objectNode().put("response_body", "{}")));

    assertThat(b.stats().get("network").entryCount()).isEqualTo(1);
    assertThat(b.stats().get("network_bodies").entryCount()).isEqualTo(1);
  }

  @Test
  void periodicExpiryEmptiesStaleBuffers() {
    CategoryBuffers b = buffers(10, 1 << 20, 1 << 30);
    b.add(console());
    b.add(envelope("error.uncaught", EventJson.nodes().objectNode()));
    clock.advance(Duration.ofMinutes(6));

    assertThat(b.expire()).as("console expires after 5 min, errors after 15").isEqualTo(1);
    assertThat(b.estimatedBytes()).isPositive();
    clock.advance(Duration.ofMinutes(10));
    b.expire();
    assertThat(b.estimatedBytes()).isZero();
  }
}
