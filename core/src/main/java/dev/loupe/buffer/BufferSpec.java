package dev.loupe.buffer;

import dev.loupe.event.Category;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bounds of one in-memory buffer: entries, estimated bytes and time to live.
 *
 * @param name the buffer's name (a category's wire name, or {@code network_bodies})
 */
public record BufferSpec(String name, int maxEntries, long maxBytes, Duration ttl) {
  /** Network events that carry bodies go to their own, larger and shorter buffer (seed 000). */
  public static final String NETWORK_BODIES = "network_bodies";
  private static final long MB = 1024L * 1024;

  /** The bounds of DESIGN.md §2, one buffer per category plus {@code network_bodies}. */
  public static Map<String, BufferSpec> defaults() {
    Map<String, BufferSpec> specs = new LinkedHashMap<>();
    put(specs, Category.CONSOLE, 1000, 50, 5);
    put(specs, Category.LOG, 1000, 50, 5);
    put(specs, Category.ERROR, 200, 20, 15);
    put(specs, Category.NETWORK, 500, 20, 10);
    specs.put(NETWORK_BODIES, new BufferSpec(NETWORK_BODIES, 100, 200 * MB, Duration.ofMinutes(10)));
    put(specs, Category.WEBSOCKET, 500, 50, 10);
    put(specs, Category.PERFORMANCE, 500, 20, 10);
    put(specs, Category.ACTION, 5000, 30, 10);
    put(specs, Category.PAGE, 5000, 30, 10);
    put(specs, Category.SCREENSHOT, 100, 200, 10);
    put(specs, Category.REPLAY, 100, 50, 10);
    put(specs, Category.CUSTOM, 1000, 20, 10);
    put(specs, Category.SESSION, 1000, 10, 15);
    put(specs, Category.SYSTEM, 1000, 10, 15);
    return specs;
  }

  private static void put(Map<String, BufferSpec> specs, Category c, int entries, long megabytes, long ttlMinutes) {
    specs.put(c.wireName(), new BufferSpec(c.wireName(), entries, megabytes * MB, Duration.ofMinutes(ttlMinutes)));
  }
}
