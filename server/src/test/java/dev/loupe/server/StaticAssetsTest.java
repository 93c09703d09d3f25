package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loupe.server.web.StaticAssets;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard and SDK as the build packages them (present whenever the whole project is built). */
class StaticAssetsTest {
  @TempDir Path dir;

  @Test
  void theDashboardIsServedUnderAStrictContentSecurityPolicy() throws Exception {
    assumeTrue(StaticAssets.dashboardBuilt(), "the dashboard was not built (build the whole project)");
    try (TestServer s = TestServer.start(dir)) {
      HttpResponse<String> index = s.get("/");

      assertThat(index.statusCode()).isEqualTo(200);
      assertThat(index.headers().firstValue("Content-Security-Policy")).hasValue(StaticAssets.DASHBOARD_CSP);
      assertThat(StaticAssets.DASHBOARD_CSP).contains("script-src 'self'", "frame-ancestors 'none'")
          .doesNotContain("unsafe-inline", "unsafe-eval");
      assertThat(index.headers().firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(index.body()).contains("<div id=\"app\">").doesNotContainPattern("<script>[^<]");
    }
  }

  @Test
  void theSdkIsServedToAnyOrigin() throws Exception {
    assumeTrue(StaticAssets.sdkBuilt(), "the SDK was not built (build the whole project)");
    try (TestServer s = TestServer.start(dir)) {
      HttpResponse<String> sdk = s.get("/sdk/loupe.js");

      assertThat(sdk.statusCode()).isEqualTo(200);
      assertThat(sdk.headers().firstValue("Content-Type").orElse("")).contains("javascript");
      assertThat(sdk.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
      assertThat(s.get("/sdk/loupe.mjs").statusCode()).isEqualTo(200);
    }
  }
}
