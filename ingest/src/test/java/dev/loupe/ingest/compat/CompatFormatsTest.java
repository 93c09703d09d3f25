package dev.loupe.ingest.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.event.DetailLevel;
import dev.loupe.event.Event;
import dev.loupe.event.SourceKind;
import dev.loupe.ingest.IngestRefusal;
import dev.loupe.ingest.ParsedBatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompatFormatsTest {
  static final long NOW = 1_795_435_200_000_000L;

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void seed000SyncEntriesBecomeTheirEventTypes() {
    ParsedBatch b = SyncFormat.parse(bytes(SeedPayloads.SYNC), NOW, 1000);

    assertThat(b.rejected()).isEmpty();
    assertThat(b.events()).extracting(Event::type).containsExactly("console.log", "network.request", "action.click",
        "websocket.open", "performance.lcp", "error.uncaught", "network.request");
    Event console = b.events().get(0);
    assertThat(console.ts()).isEqualTo(1_707_346_800_000_000L);
    assertThat(console.sessionId()).isEqualTo("tab-123");
    assertThat(console.url()).isEqualTo("https://example.com");
    assertThat(console.source().kind()).isEqualTo(SourceKind.PAGE);
    assertThat(console.source().name()).isEqualTo("compat/sync");
    assertThat(console.source().event()).isEqualTo("console");
    assertThat(console.source().metadata().get("tab_id").asInt()).isEqualTo(123);
    assertThat(console.data().get("message").asText()).isEqualTo("message {\"object\":true} 123");
    assertThat(console.data().at("/location/url").asText()).isEqualTo("app.js");
    Event network = b.events().get(1);
    assertThat(network.data().get("method").asText()).isEqualTo("POST");
    assertThat(network.data().get("request_body_size").asInt()).isEqualTo(512);
    assertThat(network.data().get("initiator").asText()).isEqualTo("fetch");
    assertThat(b.events().get(3).data().get("preview").asText()).startsWith("{\"type\"");
    assertThat(b.events().get(4).data().at("/attribution/element").asText()).isEqualTo("img#hero");
    assertThat(b.events().get(5).url()).isEqualTo("https://example.com/checkout");
    assertThat(b.events().get(6).detailLevel()).isEqualTo(DetailLevel.VERBOSE);
  }

  @Test
  void anUnknownSyncEntryIsRejectedAloneNamingItsType() {
    ParsedBatch b = SyncFormat.parse(bytes("{\"events\": [{\"type\": \"telepathy\"}, {\"type\": \"console\"}]}"),
        NOW, 1000);

    assertThat(b.events()).hasSize(1);
    assertThat(b.rejected().get(0).error()).startsWith("events[0].type: 'telepathy' is not a /sync entry type");
  }

  @Test
  void seed002SessionCreationAndTrackedEvents() {
    Event session = TrackFormat.newSession(bytes(SeedPayloads.SESSION), NOW);
    assertThat(session.type()).isEqualTo("session.start");
    assertThat(session.sessionId()).matches("[0-9a-f-]{36}");
    assertThat(session.data().get("browser").asText()).isEqualTo("Chrome");

    List<Event> events = TrackFormat.track(bytes(SeedPayloads.TRACK), NOW);
    Event click = events.get(0);
    assertThat(click.type()).isEqualTo("action.click");
    assertThat(click.sessionId()).isEqualTo("550e8400-e29b-41d4-a716-446655440000");
    assertThat(click.ts()).isEqualTo(1_704_110_400_000_000L);
    assertThat(click.url()).isEqualTo("https://example.com");
    assertThat(click.data().at("/selectors/css").asText()).isEqualTo("button#submit");
    assertThat(click.data().get("x").asInt()).isEqualTo(100);
    assertThat(click.data().get("viewport_y").asInt()).as("seed 002 column kept").isEqualTo(200);
  }

  @Test
  void seed002RefusesBadSessionIdsOversizedBatchesAndBadEventsWhole() {
    assertThatThrownBy(() -> TrackFormat.track(bytes("{\"session_id\": \"nope\", \"events\": []}"), NOW))
        .hasMessage("session_id: must be a UUID");
    String many = "{\"session_id\": \"550e8400-e29b-41d4-a716-446655440000\", \"events\": ["
        + "{\"event_type\": \"click\"},".repeat(100) + "{\"event_type\": \"click\"}]}";
    assertThatThrownBy(() -> TrackFormat.track(bytes(many), NOW))
        .isInstanceOfSatisfying(IngestRefusal.class, e -> assertThat(e.kind()).isEqualTo(IngestRefusal.Kind.TOO_LARGE));
    assertThatThrownBy(() -> TrackFormat.track(bytes(
        "{\"session_id\": \"550e8400-e29b-41d4-a716-446655440000\", \"events\": [{\"event_type\": \"click\"}, {}]}"),
        NOW)).hasMessageStartingWith("events[1].event_type");
  }

  @Test
  void seed002UnknownEventTypesBecomeCustomEvents() {
    List<Event> events = TrackFormat.track(bytes(
        "{\"session_id\": \"550e8400-e29b-41d4-a716-446655440000\", \"events\": [{\"event_type\": \"mouse-move\"}]}"),
        NOW);
    assertThat(events.get(0).type()).isEqualTo("custom.mouse_move");
  }

  @Test
  void seed004BatchAndLegacyEventsBecomeLogEvents() {
    ParsedBatch batch = ClientTelemetryFormat.parse(bytes(SeedPayloads.TELEMETRY_BATCH), NOW, 1000);
    Event info = batch.events().get(0);
    assertThat(info.type()).isEqualTo("log.info");
    assertThat(info.sessionId()).isEqualTo("component-session-abc123");
    assertThat(info.data().get("scope").asText()).isEqualTo("component-name");
    assertThat(info.data().get("request_id").asText()).isEqualTo("request-xyz789");
    assertThat(info.data().at("/context/action").asText()).isEqualTo("button_click");
    assertThat(info.ts()).isEqualTo(1_736_937_045_123_000L);

    ParsedBatch legacy = ClientTelemetryFormat.parse(bytes(SeedPayloads.TELEMETRY_LEGACY), NOW, 1000);
    assertThat(legacy.events()).extracting(Event::type).containsExactly("log.warn");
  }

  @Test
  void seed004RejectsEventsWithoutLevelOrMessage() {
    ParsedBatch b = ClientTelemetryFormat.parse(bytes("{\"events\": [{\"level\": \"loud\", \"message\": \"x\"}, "
        + "{\"level\": \"info\"}]}"), NOW, 1000);
    assertThat(b.events()).isEmpty();
    assertThat(b.rejected()).extracting(r -> r.field()).containsExactly("events[0].level", "events[1].message");
  }

  @Test
  void seed002ScreenshotAsWrittenIsAcceptedWithItsDeclaredSize() {
    ScreenshotUpload upload = ScreenshotUpload.parse(bytes(SeedPayloads.SCREENSHOT), NOW);

    assertThat(upload.image().format()).isEqualTo("jpeg");
    assertThat(upload.image().width()).isEqualTo(1920);
    assertThat(upload.image().height()).isEqualTo(1080);
    Event e = upload.event("ab".repeat(32));
    assertThat(e.type()).isEqualTo("screenshot.capture");
    assertThat(e.data().get("sha256").asText()).hasSize(64);
  }
}
