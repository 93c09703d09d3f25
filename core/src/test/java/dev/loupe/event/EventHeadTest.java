package dev.loupe.event;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class EventHeadTest {
  @Property(tries = 200)
  void theHeadReadFromBytesEqualsTheDecodedEvents(@ForAll @StringLength(max = 40) String text, @ForAll boolean truncated,
      @ForAll boolean dropData, @ForAll boolean withSession) throws Exception {
    var data = EventJson.nodes().objectNode().put("data", "\"data\":null,\"truncated\":true}").put("t", text);
    Event e = new Event(1_795_435_200_000_000L, "network.request", Category.NETWORK, DetailLevel.VERBOSE,
        withSession ? "s-" + text.length() : null, text.isEmpty() ? null : "https://a/" + text,
        Source.of(SourceKind.PAGE, text), dropData ? null : data, truncated);
    byte[] json = EventCodec.encode(e);

    EventHead fromBytes = EventCodec.readHead(json);

    assertThat(fromBytes).isEqualTo(EventHead.of(e));
    assertThat(Envelope.ofEncodedEvent(1, 2, "default", json).head()).isEqualTo(fromBytes);
  }
}
