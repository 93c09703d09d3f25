package dev.loupe.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.event.Event;
import dev.loupe.event.EventJson;
import dev.loupe.event.EventRules;
import dev.loupe.event.Source;
import dev.loupe.event.SourceKind;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RedactorTest {
  final RedactionCounts counts = new RedactionCounts();
  final Redactor redactor = new Redactor(RedactionRules.defaults(), counts, "k".getBytes());

  static ObjectNode json(String text) throws Exception {
    return (ObjectNode) EventJson.mapper().readTree(text);
  }

  Event redact(String type, String data) throws Exception {
    Event e = EventRules.event(1_795_435_200_000_000L, type, null, null, null, null, Source.of(SourceKind.PAGE, "t"),
        json(data), false);
    return redactor.apply(e);
  }

  @Test
  void theServerUsesTheRulesFileTheSdkCompilesIn() throws Exception {
    byte[] shipped;
    try (InputStream in = RedactionRules.class.getResourceAsStream("redaction.json")) {
      shipped = in.readAllBytes();
    }
    Path repoRules = Path.of(System.getProperty("user.dir")).resolveSibling("rules").resolve("redaction.json");
    assertThat(shipped).isEqualTo(Files.readAllBytes(repoRules));
  }

  @Test
  void sensitiveHeadersAreRemovedAndOthersKept() throws Exception {
    Event e = redact("network.request", """
        {"request_headers": {"Authorization": "Bearer abc.def", "Content-Type": "application/json", "Cookie": "sid=1"},
         "response_headers": {"set-cookie": "sid=2", "x-trace": "t1"}}
        """);

    assertThat(e.data().get("request_headers").fieldNames()).toIterable().containsExactly("Content-Type");
    assertThat(e.data().get("response_headers").fieldNames()).toIterable().containsExactly("x-trace");
    assertThat(counts.count("header")).isEqualTo(3);
  }

  @Test
  void headersNamedLikeSensitiveKeysAreMaskedAsKeys() throws Exception {
    Event e = redact("network.request", """
        {"request_headers": {"X-CSRFToken": "c1", "x-access-token": "t1", "X-Client-Secret": "s1", "Accept": "text/html"},
         "requestHeaders": {"Cookie": "sid=1", "X-Refresh-Token": "r1"}}
        """);

    assertThat(e.data().get("request_headers").toString())
        .isEqualTo("{\"X-CSRFToken\":\"[REDACTED:key]\",\"x-access-token\":\"[REDACTED:key]\",\"X-Client-Secret\":\"[REDACTED:key]\",\"Accept\":\"text/html\"}");
    assertThat(e.data().get("requestHeaders").toString()).as("any key ending in headers, in any case").isEqualTo("{\"X-Refresh-Token\":\"[REDACTED:key]\"}");
  }

  @Test
  void aSensitiveKeyIsMaskedWholeWhateverItEndsIn() throws Exception {
    Event e = redact("custom.x", """
        {"secretbody": "user=a", "client_secret_headers": {"Accept": "a"}, "tokenBody": "{\\"a\\":1}"}
        """);

    assertThat(e.data().toString())
        .isEqualTo("{\"secretbody\":\"[REDACTED:key]\",\"client_secret_headers\":\"[REDACTED:key]\",\"tokenBody\":\"[REDACTED:key]\"}");
  }

  @Test
  void bodiesThatAreNoSingleJsonValueStillHaveTheirSensitiveMembersMasked() throws Exception {
    ObjectNode data = EventJson.mapper().createObjectNode();
    data.put("ndjson_body", "{\"ok\":true}\n{\"password\":\"S1\",\"n\":{\"token\":\"S2\"}}\n");
    data.put("duplicate_body", "{\"a\":1,\"a\":2,\"password\":\"S3\"}");
    data.put("cut_body", "{\"user\":\"ann\",\"password\":\"S4");
    data.put("bom_body", "\uFEFF{\"password\":\"S6\",\"token\":{\"a\":\"b\"}}");
    data.put("comment_body", "{\"token\":\"S5\"} // the rest is kept");
    data.put("pretty_body", "{\n  \"pin\" : 1234,\n  \"note\" : \"say \\\"token\\\": no\",\n  \"secret\" : null,\n  \"api_key\" : {\"x\": 1}");
    Event e = redactor.apply(EventRules.event(1_795_435_200_000_000L, "network.request", null, null, null, null,
        Source.of(SourceKind.PAGE, "t"), data, false));

    assertThat(e.data().get("ndjson_body").asText()).isEqualTo("{\"ok\":true}\n{\"password\":\"[REDACTED:key]\",\"n\":{\"token\":\"[REDACTED:key]\"}}");
    assertThat(e.data().get("duplicate_body").asText()).isEqualTo("{\"a\":1,\"a\":2,\"password\":\"[REDACTED:key]\"}");
    assertThat(e.data().get("cut_body").asText()).as("a value cut at the body's limit").isEqualTo("{\"user\":\"ann\",\"password\":\"[REDACTED:key]\"");
    // Parsed as JSON (an object under a sensitive key masked whole), its byte order mark left out.
    assertThat(e.data().get("bom_body").asText()).isEqualTo("{\"password\":\"[REDACTED:key]\",\"token\":\"[REDACTED:key]\"}");
    assertThat(e.data().get("comment_body").asText()).isEqualTo("{\"token\":\"[REDACTED:key]\"} // the rest is kept");
    // A key quoted inside a value is no key; null and an object under a key are left (the object to the value rules).
    assertThat(e.data().get("pretty_body").asText())
        .isEqualTo("{\n  \"pin\" : \"[REDACTED:key]\",\n  \"note\" : \"say \\\"token\\\": no\",\n  \"secret\" : null,\n  \"api_key\" : {\"x\": 1}");
  }

  @Test
  void sensitiveJsonKeysAreMaskedAnywhereInTheData() throws Exception {
    Event e = redact("network.request", """
        {"request_body": "{}", "form": {"user": "ann", "Password": "hunter2", "nested": [{"api_key": "k1"}]},
         "csrf_token": 12345, "key": "Enter"}
        """);

    assertThat(e.data().at("/form/Password").asText()).isEqualTo("[REDACTED:key]");
    assertThat(e.data().at("/form/nested/0/api_key").asText()).isEqualTo("[REDACTED:key]");
    assertThat(e.data().get("csrf_token").asText()).isEqualTo("[REDACTED:key]");
    assertThat(e.data().at("/form/user").asText()).isEqualTo("ann");
    assertThat(e.data().get("key").asText()).as("a bare 'key' (keyboard events) is not a secret").isEqualTo("Enter");
  }

  @Test
  void keysInsideJsonAndFormBodiesAreRedactedToo() throws Exception {
    Event e = redact("network.request", """
        {"request_body": "{\\"user\\": \\"ann\\", \\"password\\": \\"hunter2\\"}",
         "response_body": "password=hunter2&user=ann&remember=1",
         "other_body": "[1, 2, {\\"token\\": \\"t\\"}]",
         "text_body": "{not json but mentions ann@example.com"}
        """);

    assertThat(e.data().get("request_body").asText()).isEqualTo("{\"user\":\"ann\",\"password\":\"[REDACTED:key]\"}");
    assertThat(e.data().get("response_body").asText()).isEqualTo("password=[REDACTED:query]&user=ann&remember=1");
    assertThat(e.data().get("other_body").asText()).isEqualTo("[1,2,{\"token\":\"[REDACTED:key]\"}]");
    assertThat(e.data().get("text_body").asText()).isEqualTo("{not json but mentions [REDACTED:email]");
  }

  @Test
  void formBodiesWithBareNamesOrATrailingSeparatorAreForms() throws Exception {
    Event e = redact("network.request", """
        {"request_body": "user=bob&password=hunter2&",
         "response_body": "remember&password=hunter3",
         "other_body": "just&words"}
        """);

    assertThat(e.data().get("request_body").asText()).isEqualTo("user=bob&password=[REDACTED:query]&");
    assertThat(e.data().get("response_body").asText()).isEqualTo("remember&password=[REDACTED:query]");
    assertThat(e.data().get("other_body").asText()).isEqualTo("just&words");
  }

  @Test
  void aJsonBodyWithoutSecretsKeepsItsOriginalFormatting() throws Exception {
    Event e = redact("network.request", "{\"response_body\": \"{ \\\"ok\\\" : true }\"}");

    assertThat(e.data().get("response_body").asText()).isEqualTo("{ \"ok\" : true }");
  }

  @Test
  void queryParametersOfUrlsAreMasked() throws Exception {
    Event e = redact("network.request",
        "{\"url\": \"https://api.example/v1/items?page=2&access_token=s3cr3t&q=shoes#frag\"}");

    assertThat(e.data().get("url").asText())
        .isEqualTo("https://api.example/v1/items?page=2&access_token=[REDACTED:query]&q=shoes#frag");
    assertThat(counts.count("query_param")).isEqualTo(1);
  }

  @Test
  void thePageUrlIsRedactedToo() throws Exception {
    Event e = EventRules.event(1_795_435_200_000_000L, "page.view", null, null, null,
        "https://shop.example/reset?token=abc&lang=en", Source.of(SourceKind.PAGE, "t"), json("{}"), false);

    assertThat(redactor.apply(e).url()).isEqualTo("https://shop.example/reset?token=[REDACTED:query]&lang=en");
  }

  @Test
  void urlsInsideTextHaveTheirQueryParametersMasked() throws Exception {
    Event e = redact("console.error", """
        {"message": "Failed to load <img> https://b.s3.amazonaws.com/a.png?X-Amz-Signature=dead&token=tok123",
         "stack": "Error: boom\\n    at f (https://cdn.test/app.js?token=tok456:1:2)\\n    at g (https://cdn.test/g.js:3:4)"}
        """);

    assertThat(e.data().get("message").asText()).isEqualTo(
        "Failed to load <img> https://b.s3.amazonaws.com/a.png?X-Amz-Signature=[REDACTED:query]&token=[REDACTED:query]");
    assertThat(e.data().get("stack").asText()).as("the URL runs to the whitespace, so the value takes ':1:2)' along")
        .isEqualTo("Error: boom\n    at f (https://cdn.test/app.js?token=[REDACTED:query]\n    at g (https://cdn.test/g.js:3:4)");
    assertThat(counts.count("query_param")).isEqualTo(3);
  }

  @Test
  void urlsInsideJsonHeldAsTextAreMasked() throws Exception {
    // A body cut short (so it does not parse) and JSON text logged as a string are plain text.
    Event e = redact("network.request", """
        {"response_body": "{\\"download_url\\":\\"https://x.s3.amazonaws.com/f?X-Amz-Signature=abc&X-Amz-Security-Token=def\\",\\"size\\":12",
         "args": ["{\\"download_url\\":\\"https://x.s3.amazonaws.com/f?X-Amz-Signature=abc&X-Amz-Security-Token=def\\"}"]}
        """);

    String expected = "{\"download_url\":\"https://x.s3.amazonaws.com/f?X-Amz-Signature=[REDACTED:query]"
        + "&X-Amz-Security-Token=[REDACTED:query]\"";
    assertThat(e.data().get("response_body").asText()).isEqualTo(expected + ",\"size\":12");
    assertThat(e.data().at("/args/0").asText()).isEqualTo(expected + "}");
    assertThat(counts.count("query_param")).isEqualTo(4);
  }

  @Test
  void everyUrlInAStringIsHandledAndSchemesMatchInAnyCase() {
    assertThat(redactor.redactString("GET HTTPS://a.test/x?code=c1 then wss://b.test/s?key=k2&v=1, done"))
        .isEqualTo("GET HTTPS://a.test/x?code=[REDACTED:query] then wss://b.test/s?key=[REDACTED:query]&v=1, done");
    assertThat(redactor.redactString("'http://a.test/?sig=s1'`ws://b.test/?auth=a2`\\http://c.test/?apikey=k3"))
        .isEqualTo("'http://a.test/?sig=[REDACTED:query]'`ws://b.test/?auth=[REDACTED:query]`"
            + "\\http://c.test/?apikey=[REDACTED:query]");
  }

  @Test
  void aBareQueryIsMasked() {
    assertThat(redactor.redactString("?token=tok789&code=c0de"))
        .isEqualTo("?token=[REDACTED:query]&code=[REDACTED:query]");
    assertThat(redactor.redactString("/cb?code=c1#state=s")).as("a relative URL is still one URL")
        .isEqualTo("/cb?code=[REDACTED:query]#state=s");
    assertThat(redactor.redactString("/login?next=https://x.test/?code=abc")).as("and an absolute URL in it too")
        .isEqualTo("/login?next=https://x.test/?code=[REDACTED:query]");
  }

  @Test
  void fragmentsWithParametersAreMaskedLikeTheQuery() {
    assertThat(redactor.redactString("https://app.test/cb#access_token=opaqueAT&refresh_token=opaqueRT&state=ok"))
        .isEqualTo("https://app.test/cb#access_token=[REDACTED:query]&refresh_token=[REDACTED:query]&state=ok");
    assertThat(redactor.redactString("https://app.test/?lang=en#/callback?code=AUTHCODE123"))
        .isEqualTo("https://app.test/?lang=en#/callback?code=[REDACTED:query]");
    assertThat(redactor.redactString("#id_token=opaqueID&state=ok")).as("a bare fragment (location.hash)")
        .isEqualTo("#id_token=[REDACTED:query]&state=ok");

    // Fragments without listed parameters are left alone.
    assertThat(redactor.redactString("https://a.test/page#section-2")).isEqualTo("https://a.test/page#section-2");
    assertThat(redactor.redactString("https://a.test/page?x=1#tab=details")).isEqualTo("https://a.test/page?x=1#tab=details");
    assertThat(redactor.redactString("#/route?page=2")).isEqualTo("#/route?page=2");
    assertThat(counts.snapshot()).containsOnlyKeys("query_param").containsEntry("query_param", 4L);
  }

  // The URLs held in parameters of other URLs, and fragments of more than one '#': the same inputs
  // and outputs are in the SDK's test/redact-nested-url.test.ts, the two must agree.

  static String enc(String s) {
    return Redactor.encodeComponent(s);
  }

  @Test
  void aPercentEncodedUrlInAParameterHasItsListedParametersMaskedAndIsEncodedBack() {
    String masked = "[REDACTED:query]";
    assertThat(redactor.redactString("https://app.example/login?next=%2Freset%3Ftoken%3Dsecret123"))
        .isEqualTo("https://app.example/login?next=%2Freset%3Ftoken%3D%5BREDACTED%3Aquery%5D");
    assertThat(redactor.redactString("https://a.example/?redirect=https%3A%2F%2Fb.example%2Fcb%3Fcode%3Dabc%26x%3D1&lang=en"))
        .isEqualTo("https://a.example/?redirect=" + enc("https://b.example/cb?code=" + masked + "&x=1") + "&lang=en");
    // In a fragment, as a bare query (location.search), in a hash route's query, in the nested URL's fragment.
    assertThat(redactor.redactString("https://a.example/#next=%2Fcb%3Fcode%3Dabc"))
        .isEqualTo("https://a.example/#next=" + enc("/cb?code=" + masked));
    assertThat(redactor.redactString("?next=%2Freset%3Ftoken%3Dsecret123")).isEqualTo("?next=" + enc("/reset?token=" + masked));
    assertThat(redactor.redactString("/app#/login?next=%2Fcb%23access_token%3Dxyz%26state%3Dok"))
        .isEqualTo("/app#/login?next=" + enc("/cb#access_token=" + masked + "&state=ok"));
    assertThat(redactor.redactString("https://a.example/?next=%2Fcb%3Fcode%3Dabc+def%26q%3Da+b")).as("'+' is a space")
        .isEqualTo("https://a.example/?next=" + enc("/cb?code=" + masked + "&q=a b"));
    assertThat(counts.count("query_param")).isEqualTo(6);
  }

  @Test
  void anUnencodedUrlInAParameterOfAnAbsoluteUrlHasItsListedParametersMaskedAndStaysUnencoded() {
    assertThat(redactor.redactString("see https://a.example/?redirect=https://b.example/cb?code=abc&x=1 now"))
        .isEqualTo("see https://a.example/?redirect=https://b.example/cb?code=[REDACTED:query]&x=1 now");
    assertThat(redactor.redactString("https://a.example/?u=/cb?x=1#/r?token=t"))
        .isEqualTo("https://a.example/?u=/cb?x=1#/r?token=[REDACTED:query]");
    assertThat(counts.count("query_param")).isEqualTo(2);
  }

  @Test
  void urlsAreFollowedThreeLevelsDownAndNoFurther() {
    String url = "/cb?code=SECRET";
    for (int level = 1; level <= 3; level++) {
      url = "/l" + level + "?next=" + enc(url);
      assertThat(redactor.redactString("https://a.example" + url)).as("level " + level).doesNotContain("SECRET");
    }
    assertThat(redactor.redactString("https://a.example" + url)).isEqualTo(
        "https://a.example/l3?next=" + enc("/l2?next=" + enc("/l1?next=" + enc("/cb?code=[REDACTED:query]"))));
    String deeper = "https://a.example/l4?next=" + enc(url);
    assertThat(redactor.redactString(deeper)).isEqualTo(deeper);
  }

  @Test
  void aValueHoldingNothingToMaskIsLeftByteForByte() {
    for (String plain : new String[] {"https://a.example/?next=%2fcart%3fitem%3d1&q=a+b",
        "https://a.example/?next=/cart?item=1&page=2", "?next=%2Fsearch%3Fq%3Dshoes%20%26%20socks",
        "https://a.example/?q=%3F%3D&r=%23%3D", "https://a.example/?q=what%3F+that%3D"}) {
      assertThat(redactor.redactString(plain)).as(plain).isEqualTo(plain);
    }
    assertThat(counts.snapshot()).isEmpty();
    // What is masked already (as the SDK sends it on), however it was encoded: masked again, and
    // counted as a mask in the query is, but the bytes are left as they were.
    String sent = "https://a.example/?next=%2fcb%3fcode%3d%5bREDACTED%3aquery%5d";
    assertThat(redactor.redactString(sent)).isEqualTo(sent);
    assertThat(counts.count("query_param")).isEqualTo(1);
  }

  @Test
  void aTimestampIsNoCardThoughItPassesLuhn() {
    // In ms and µs (they start with 1); a card starts with 2 to 6 (Mastercard's 2-series too).
    String times = "/api/items?_=1700000000004 at 1600550648576 and 1700000000000001";
    assertThat(redactor.redactString(times)).isEqualTo(times);
    assertThat(redactor.redactString("card 2223003122003222")).isEqualTo("card [REDACTED:card]");
  }

  @Test
  void theRulesMatchWhatTheyMatchInTheSdk() {
    // Java 17's \b counts an accented letter as part of a word; JavaScript's does not.
    assertThat(redactor.redactString("éAKIAIOSFODNN7EXAMPLE")).isEqualTo("é[REDACTED:aws_access_key]");
    assertThat(redactor.redactString("https://a.example/?q=%C3%A94242424242424242"))
        .isEqualTo("https://a.example/?q=" + enc("é[REDACTED:card]"));
    // JavaScript's \s includes the no-break space.
    assertThat(redactor.redactString("Authorization: Bearer\u00A0abcdef123")).isEqualTo("Authorization: [REDACTED:bearer]");
    // A '+' decoded once more, as the SDK does.
    assertThat(redactor.redactString("https://a.example/?x=4242%2B4242%2B4242%2B4242"))
        .isEqualTo("https://a.example/?x=" + enc(enc("[REDACTED:card]")));
    assertThat(RedactionRules.asJavaScriptReadsIt("[\\s\\S]*?\\b[\\b]")).doesNotContain("\\s", "\\S").endsWith("[\\b]");
    // JavaScript's $ (no multiline flag) is the end of the text, not before a last line break:
    // a private key block without its END line is masked to the end, its line break too.
    assertThat(redactor.redactString("-----BEGIN PRIVATE KEY-----\nMIIkeymaterial\n")).isEqualTo("[REDACTED:private_key]");
    assertThat(RedactionRules.asJavaScriptReadsIt("a$|[$]")).isEqualTo("a\\z|[$]");
  }

  @Test
  void aLongFormBodyIsRedactedOnARequestThreadsStack() throws Exception {
    // 16,000 pairs, under the 64 KB a form body is looked at up to, on a 1 MB stack as Jetty's threads have.
    String form = "a=1&".repeat(16_000) + "password=x";
    AtomicReference<Object> result = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        result.set(redact("network.request", "{\"request_body\": \"" + form + "\"}").data().get("request_body").asText());
      } catch (Throwable e) {
        result.set(e);
      }
    }, "small-stack", 1 << 20);
    t.start();
    t.join();
    assertThat(result.get()).isEqualTo("a=1&".repeat(16_000) + "password=[REDACTED:query]");
    // What is a form, as the SDK's regular expression has it.
    for (String form1 : new String[] {"a=1", "remember&password=x&", "a=1&&b", "a=1&{x}=2", "a==1", "q=%7B%7D"}) {
      assertThat(Redactor.isForm(form1)).as(form1).isTrue();
    }
    for (String other : new String[] {"just&words", "=x", "&=x", "a=1&=x", "{\"a\":\"=\"}", "a b=1", "a=1 ", "a=1\u00A0&b=2", ""}) {
      assertThat(Redactor.isForm(other)).as(other).isFalse();
    }
  }

  @Test
  void textThatWouldOverflowTheMatcherIsMaskedWholeAndFailsNothing() throws Exception {
    // The email rule's labels are bounded: a long run of them is matched, not overflowed on.
    String labels = "x jane@" + "a.".repeat(5000) + "1 y";
    assertThat(redactor.redactString(labels)).isEqualTo(labels);
    assertThat(redactor.redactString("?x=a%40" + "a.".repeat(5000) + "io")).startsWith("?x=a%40a.a.");
    // A user's rule with an unbounded repeated group: the text it overflows on is masked whole.
    RedactionRules own = RedactionRules.parse(EventJson.mapper().readTree("""
        {"values": [{"kind": "ids", "pattern": "id(-[a-z]+)*!", "prefilter": ["id"], "action": "mask"}]}
        """));
    RedactionCounts c = new RedactionCounts();
    Redactor r = new Redactor(own, c, null);
    assertThat(r.redactString("id-ab-cd! ok")).isEqualTo("[REDACTED:ids] ok");
    assertThat(r.redactString("id" + "-ab".repeat(100_000) + "?")).isEqualTo("[REDACTED:ids]");
    assertThat(c.count("ids")).isEqualTo(2);
  }

  @Test
  void valuesThatEscapesHidAreMaskedOnceDecoded() {
    assertThat(redactor.redactString("https://a.example/reset?email=jane%40example.com&lang=en"))
        .isEqualTo("https://a.example/reset?email=" + enc("[REDACTED:email]") + "&lang=en");
    assertThat(redactor.redactString("https://a.example/pay?c=4242+4242+4242+4242"))
        .isEqualTo("https://a.example/pay?c=" + enc("[REDACTED:card]"));
    assertThat(redactor.redactString("/login?next=%2Finvite%3Fto%3Djane%2540example.com"))
        .isEqualTo("/login?next=" + enc("/invite?to=" + enc("[REDACTED:email]")));
    assertThat(counts.count("email")).isEqualTo(2);
    assertThat(counts.count("card")).isEqualTo(1);
    String plain = "https://a.example/?q=a+b%20c&n=%41";
    assertThat(redactor.redactString(plain)).isEqualTo(plain);
  }

  @Test
  void aQueryAsHtmlOrJsonEscapesItHasItsParametersMasked() {
    // An error page's HTML, a JSON encoder's output held in text: the SDK masks both the same way.
    assertThat(redactor.redactString("<a href=\"https://a.example/cb?u=1&amp;token=SECRET&amp;x=2\">"))
        .isEqualTo("<a href=\"https://a.example/cb?u=1&amp;token=[REDACTED:query]&amp;x=2\">");
    assertThat(redactor.redactString("{\"next\":\"https://a.example/cb?u=1\\u0026code=SECRET\\u0026x=2\"}"))
        .isEqualTo("{\"next\":\"https://a.example/cb?u=1\\u0026code=[REDACTED:query]\\u0026x=2\"}");
    // Inside a nested URL too, as the SDK has it.
    assertThat(redactor.redactString("https://a.example/?next=%2Fcb%3Fa%3D1%26amp%3Btoken%3Dsecret"))
        .isEqualTo("https://a.example/?next=" + enc("/cb?a=1&amp;token=[REDACTED:query]"));
    assertThat(counts.count("query_param")).isEqualTo(3);
    // A URL encoded twice (a redirect's redirect): decoded once more.
    assertThat(redactor.redactString("https://a.example/?next=%252Fcb%253Fcode%253Dsecret&x=%2541"))
        .isEqualTo("https://a.example/?next=" + enc(enc("/cb?code=[REDACTED:query]")) + "&x=%2541");
    // Three levels at most: encoded four times, left as it is.
    String deep = "https://a.example/?next=" + enc(enc(enc(enc("/cb?code=secret"))));
    assertThat(redactor.redactString(deep)).isEqualTo(deep);
    // Each separator stays as it was; a name that merely starts like one is still a name.
    String plain = "https://a.example/?a=1&amp;b=2\\u0026c=3&ampere=4";
    assertThat(redactor.redactString(plain)).isEqualTo(plain);
  }

  @Test
  void aValueWithAMalformedEscapeIsStillLookedInto() {
    String masked = enc("/cb?token=[REDACTED:query]");
    for (String bad : new String[] {"https://a.example/?next=%2Fcb%3Ftoken%3Dx%", "https://a.example/?next=%2Fcb%3Ftoken%3Dx%zz",
        "https://a.example/?next=%2Fcb%3Ftoken%3Dx%FF", "https://a.example/?next=%2Fcb%3Ftoken%3Dx%ED%A0%80",
        "https://a.example/?next=%2Fcb%3Ftoken%3Dx%C0%AF", "https://a.example/?next=%2Fcb%3Ftoken%3Dx%\u0663\u0663"}) {
      assertThat(redactor.redactString(bad)).as(bad).isEqualTo("https://a.example/?next=" + masked);
    }
    assertThat(redactor.redactString("https://a.example/?n%zz=%2Fcb%3Ftoken%3Dx")).isEqualTo("https://a.example/?n%zz=" + masked);
    // What does not decode stays as it was around what is masked (and is encoded with it), as in the SDK.
    assertThat(redactor.redactString("https://a.example/?u=%E9t%E9%3Fcode%3Dabc"))
        .isEqualTo("https://a.example/?u=" + enc("%E9t%E9?code=[REDACTED:query]"));
    assertThat(counts.count("query_param")).isEqualTo(8);
    // With nothing to mask, the value is left byte for byte.
    for (String plain : new String[] {"https://a.example/?q=caf%E9+au+lait", "https://a.example/?q=50%+off%3F"}) {
      assertThat(redactor.redactString(plain)).as(plain).isEqualTo(plain);
    }
    // A lone surrogate cannot be encoded back (encodeURIComponent throws): left as it is, and not
    // counted, unless it was in what was masked.
    String lone = "https://a.example/?next=%2Fcb\ud800%3Ftoken%3Dx";
    assertThat(redactor.redactString(lone)).isEqualTo(lone);
    assertThat(counts.count("query_param")).isEqualTo(8);
    assertThat(redactor.redactString("https://a.example/?next=%2Fcb%3Ftoken%3Dx\ud800"))
        .isEqualTo("https://a.example/?next=" + masked);
    assertThat(counts.count("query_param")).isEqualTo(9);
  }

  @Test
  void nestedUrlsInFormBodiesAreMaskedToo() throws Exception {
    Event e = redact("network.request", "{\"request_body\": \"user=ann&next=%2Fcb%3Fcode%3Dabc\"}");

    assertThat(e.data().get("request_body").asText()).isEqualTo("user=ann&next=" + enc("/cb?code=[REDACTED:query]"));
  }

  @Test
  void anAbsoluteUrlInARelativeOneOrInAFormIsCountedAndHashedOnce() throws Exception {
    RedactionRules hashing = RedactionRules.parse(EventJson.mapper().readTree("""
        {"query_params": {"action": "hash", "names": ["code", "token"]}}
        """));
    RedactionCounts c = new RedactionCounts();
    Redactor r = new Redactor(hashing, c, "k".getBytes());
    String once = r.redactString("?code=abc");

    assertThat(r.redactString("/login?next=https://x.test/?code=abc")).isEqualTo("/login?next=https://x.test/" + once);
    assertThat(r.redactString("/login?next=https://x.test/?a=1&code=abc")).isEqualTo("/login?next=https://x.test/?a=1&" + once.substring(1));
    assertThat(c.count("query_param")).isEqualTo(3);
    assertThat(redactor.redactString("/login?next=https://x.test/?code=abc")).isEqualTo("/login?next=https://x.test/?code=[REDACTED:query]");
    redact("network.request", "{\"request_body\": \"next=https://x.test/?code=abc&token=t\"}");
    assertThat(counts.count("query_param")).isEqualTo(3);
  }

  @Test
  void thePairsAfterEveryHashOfAFragmentAreRead() {
    String masked = "[REDACTED:query]";
    assertThat(redactor.redactString("https://x.example/#a=1#token=secret")).isEqualTo("https://x.example/#a=1#token=" + masked);
    assertThat(redactor.redactString("#/cb?x=1#code=abc")).isEqualTo("#/cb?x=1#code=" + masked);
    assertThat(redactor.redactString("https://x.example/#token=1#/cb?x=2")).isEqualTo("https://x.example/#token=" + masked + "#/cb?x=2");
    assertThat(redactor.redactString("https://x.example/#a=1#b=2#c=3#d=4#token=5"))
        .isEqualTo("https://x.example/#a=1#b=2#c=3#d=4#token=" + masked);
    assertThat(counts.count("query_param")).isEqualTo(4);
  }

  @Test
  void hostileUrlsTakeLinearTimeAndBoundedDepth() {
    int n = 200_000;
    long t = System.nanoTime();
    for (String s : new String[] {"https://a.example/" + "?a=".repeat(n), "https://a.example/?a=" + "?".repeat(n),
        "https://a.example/?a=" + "%3F%3D".repeat(n), "https://a.example/?a=%" + "25".repeat(n) + "3F%3D",
        "https://a.example/" + "#a=1".repeat(n), "https://a.example/" + "#a".repeat(n) + "=1"}) {
      assertThat(redactor.redactString(s)).isEqualTo(s);
    }
    // A nested URL in every one of many pairs, each masked and encoded back.
    String many = redactor.redactString("https://a.example/?a=" + "?token=1%26a=".repeat(n / 10));
    assertThat(many).doesNotContainPattern("token(=|%3D)1").hasSizeLessThan(100 * n);
    assertThat(counts.count("query_param")).isEqualTo(n / 10);
    assertThat(System.nanoTime() - t).as("quadratic time would take minutes").isLessThan(10_000_000_000L);
  }

  @Test
  void encodingIsEncodeUriComponentsAndDecodingDecodeUriComponents() {
    assertThat(Redactor.encodeComponent("aZ09-_.!~*'() /?#&=%+\u00e9\u20ac\ud83d\ude00"))
        .isEqualTo("aZ09-_.!~*'()%20%2F%3F%23%26%3D%25%2B%C3%A9%E2%82%AC%F0%9F%98%80");
    assertThat(Redactor.encodeComponent("a\ud800b")).isNull();
    assertThat(Redactor.decodeComponent("a+b%2B%c3%a9%F0%9F%98%80")).isEqualTo("a b+\u00e9\ud83d\ude00");
    // Leniently: what does not decode stays as it is (the SDK's decode does the same).
    for (String bad : new String[] {"%", "%4", "%zz", "%FF", "%C3", "%E0%80%80", "%ED%A0%80", "%F4%90%80%80", "%\u0664\u0661"}) {
      assertThat(Redactor.decodeComponent(bad)).as(bad).isEqualTo(bad);
    }
    assertThat(Redactor.decodeComponent("%C3x")).isEqualTo("%C3x");
    // In a run that is not UTF-8, the ASCII escapes are decoded: the '?' after Latin-1's é.
    assertThat(Redactor.decodeComponent("caf%E9%3Fa%3D1+%41")).isEqualTo("caf%E9?a=1 A");
  }

  @Test
  void removingParametersFromTheFragmentLeavesNoStraySeparator() throws Exception {
    RedactionRules removing = RedactionRules.parse(EventJson.mapper().readTree("""
        {"query_params": {"action": "remove", "names": ["access_token", "code"]}}
        """));
    Redactor r = new Redactor(removing, new RedactionCounts(), null);

    assertThat(r.redactString("see https://app.test/cb?code=1&a=2#state=ok&access_token=AT now"))
        .isEqualTo("see https://app.test/cb?a=2#state=ok now");
    assertThat(r.redactString("https://app.test/cb#access_token=AT")).isEqualTo("https://app.test/cb#");
  }

  @Test
  void aCardFollowedByOtherDigitsIsMaskedAndTheRestKept() {
    assertThat(redactor.redactString("card 4242 4242 4242 4242 123")).isEqualTo("card [REDACTED:card] 123");
    assertThat(redactor.redactString("4111111111111111 12")).isEqualTo("[REDACTED:card] 12");
    assertThat(redactor.redactString("3782 822463 10005 1234")).isEqualTo("[REDACTED:card] 1234");
    assertThat(counts.count("card")).isEqualTo(3);
    assertThat(redactor.redactString("order 4111111111111111123")).as("an unseparated run failing Luhn is an id")
        .isEqualTo("order 4111111111111111123");
    assertThat(counts.count("card")).isEqualTo(3);
  }

  @Test
  void aCardPrecededByOtherDigitsIsMaskedAndTheRestKept() {
    assertThat(redactor.redactString("qty 12 4111-1111-1111-1111")).isEqualTo("qty 12 [REDACTED:card]");
  }

  @Test
  void valuePatternsAreReplacedInsideText() throws Exception {
    String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    Event e = redact("console.log", """
        {"message": "mail ann@example.com card 4111 1111 1111 1111 order 1234567890123 auth Bearer x9y8z7.w6 t %s",
         "args": ["AKIAIOSFODNN7EXAMPLE", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "sk_live_abcdefghijklmnop1234",
                  "-----BEGIN RSA PRIVATE KEY-----\\nMIIE\\n-----END RSA PRIVATE KEY-----", "AIzaSyA1234567890abcdefghijklmnopqrstuv"]}
        """.formatted(jwt));

    String message = e.data().get("message").asText();
    assertThat(message).contains("mail [REDACTED:email]", "card [REDACTED:card]", "auth [REDACTED:bearer]",
        "t [REDACTED:jwt]");
    assertThat(message).as("a digit run failing Luhn is not a card").contains("order 1234567890123");
    assertThat(e.data().get("args").toString()).contains("[REDACTED:aws_access_key]", "[REDACTED:github_token]",
        "[REDACTED:stripe_key]", "[REDACTED:private_key]", "[REDACTED:google_api_key]")
        .doesNotContain("AKIA", "ghp_", "sk_live", "MIIE", "AIza");
    assertThat(counts.snapshot()).containsEntry("email", 1L).containsEntry("card", 1L).containsEntry("jwt", 1L);
  }

  @Test
  void cardNumbersAreCheckedWithLuhn() {
    assertThat(Luhn.valid("4111111111111111")).isTrue();
    assertThat(Luhn.valid("4111-1111-1111-1111")).isTrue();
    assertThat(Luhn.valid("5500 0000 0000 0004")).isTrue();
    assertThat(Luhn.valid("4111111111111112")).isFalse();
    assertThat(Luhn.valid("123456789012")).as("too short").isFalse();
  }

  @Test
  void hashingGivesAStableKeyedDigestSoEqualValuesCanBeCorrelated() throws Exception {
    RedactionRules hashing = RedactionRules.parse(EventJson.mapper().readTree("""
        {"values": [{"kind": "email", "pattern": "[a-z]+@[a-z]+\\\\.com", "prefilter": ["@"], "action": "hash"}]}
        """));
    Redactor r = new Redactor(hashing, new RedactionCounts(), "project-key".getBytes());

    String a = r.redactString("from ann@shop.com");
    String b = r.redactString("to ann@shop.com");
    String other = new Redactor(hashing, new RedactionCounts(), "other-key".getBytes()).redactString("ann@shop.com");

    assertThat(a).matches("from \\[HASH:email:[0-9a-f]{12}]");
    assertThat(a.substring(5)).isEqualTo(b.substring(3));
    assertThat(other).isNotEqualTo(a.substring(5));
  }

  @Test
  void malformedRulesAreRefusedNamingTheField() throws Exception {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RedactionRules.parse(EventJson.mapper().readTree(
        "{\"values\": [{\"kind\": \"x\", \"pattern\": \"(\"}]}")))
        .hasMessageContaining("values[0].pattern");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RedactionRules.parse(EventJson.mapper().readTree(
        "{\"json_keys\": {\"flags\": \"g\", \"patterns\": [\"a\"]}}")))
        .hasMessageContaining("json_keys.flags");
  }

  @Test
  void textWithoutSecretsIsLeftAlone() throws Exception {
    Event e = redact("console.log", "{\"message\": \"checkout step 3 completed, total 129.90\"}");

    assertThat(e.data().get("message").asText()).isEqualTo("checkout step 3 completed, total 129.90");
    assertThat(counts.snapshot()).isEmpty();
  }
}
