package dev.loupe.server.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The dashboard at {@code /} and the browser SDK at {@code /sdk/}, both packaged into the server
 * jar by the build. The dashboard is served under a strict Content-Security-Policy (captured data
 * is hostile: even if something slipped through as markup, no script could run); the SDK is
 * served to any origin, since pages import it across origins.
 */
public final class StaticAssets {
  /** The dashboard's policy: only its own scripts, styles and connections; no framing, no plugins. */
  public static final String DASHBOARD_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
      + "frame-ancestors 'none'; form-action 'self'";

  private StaticAssets() {}

  public static boolean dashboardBuilt() {
    return StaticAssets.class.getClassLoader().getResource("static/dashboard/index.html") != null;
  }

  public static boolean sdkBuilt() {
    return StaticAssets.class.getClassLoader().getResource("static/sdk/loupe.js") != null;
  }

  public static void register(JavalinConfig cfg) {
    if (sdkBuilt()) {
      cfg.staticFiles.add(sf -> {
        sf.hostedPath = "/sdk";
        sf.directory = "static/sdk";
        sf.location = Location.CLASSPATH;
        sf.headers = Map.of("Access-Control-Allow-Origin", "*", "Cache-Control", "public, max-age=300",
            "Cross-Origin-Resource-Policy", "cross-origin", "X-Content-Type-Options", "nosniff");
      });
    }
    if (dashboardBuilt()) {
      cfg.staticFiles.add(sf -> {
        sf.hostedPath = "/";
        sf.directory = "static/dashboard";
        sf.location = Location.CLASSPATH;
        sf.headers = Map.of("Content-Security-Policy", DASHBOARD_CSP, "X-Frame-Options", "DENY",
            "Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer");
      });
    }
  }
}
