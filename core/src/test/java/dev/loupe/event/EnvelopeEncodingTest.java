package dev.loupe.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.testing.SampleEvents;
import org.junit.jupiter.api.Test;

class EnvelopeEncodingTest {

  @Test
  void encodingFromStoredPartsMatchesEncodingTheEvent() {
    Event e = SampleEvents.console(7, "s1").withData(SampleEvents.console(7, "s1").data(), true);
    String source = "{\"kind\":\"page\",\"name\":\"loupe-sdk/0.1.0\",\"event\":\"console.log\"}";
    byte[] parts = EventCodec.encode(e.ts(), e.type(), e.category(), e.detailLevel(), e.sessionId(), e.url(), source,
        e.data().toString(), e.truncated());
    assertThat(parts).isEqualTo(EventCodec.encode(e));
  }

  @Test
  void nullDataAndAbsentOptionalsEncodeLikeTheEvent() {
    Event e = new Event(1, "page.unload", Category.PAGE, DetailLevel.MINIMAL, null, null,
        Source.of(SourceKind.SERVER, null), null, true);
    assertThat(EventCodec.encode(1, "page.unload", Category.PAGE, DetailLevel.MINIMAL, null, null,
        "{\"kind\":\"server\"}", null, true)).isEqualTo(EventCodec.encode(e));
  }

  @Test
  void anEnvelopeOfEncodedEventDecodesItWhenAsked() {
    Event e = SampleEvents.console(3, "s9");
    Envelope lazy = Envelope.ofEncodedEvent(5, 6, "default", EventCodec.encode(e));
    assertThat(lazy.head()).isEqualTo(EventHead.of(e));
    assertThat(lazy.event()).isEqualTo(e);
    assertThat(lazy.compacted().event()).isEqualTo(e);
    assertThat(lazy.toJson()).isEqualTo(new Envelope(5, 6, "default", e, EventCodec.encode(e)).toJson());
  }
}
