package dev.loupe.server.http;

import dev.loupe.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-client token buckets (seeds 002 and 004: 100 requests per 60 s per IP by default).
 *
 * <h2>Algorithm</h2>
 * Each client has a bucket of {@code capacity} tokens that refills continuously at
 * {@code capacity / window}. A request takes one token; with none left it is refused and told how
 * long until the next token ({@code Retry-After}). Refill is computed lazily from the injected
 * clock's monotonic time on each request, so idle clients cost nothing and tests move time instead
 * of sleeping. A bucket is locked only while its own client is being decided. Buckets that have
 * refilled completely carry no information and are swept, which bounds memory to the clients seen
 * within one window.
 */
public final class RateLimiter {
  private static final int SWEEP_EVERY = 4096;

  private final double capacity;
  private final double tokensPerNano;
  private final Clock clock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger sinceSweep = new java.util.concurrent.atomic.AtomicInteger();

  private static final class Bucket {
    double tokens;
    long updatedNanos;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updatedNanos = now;
    }
  }

  /** The verdict for one request: allowed, or refused with the wait until the next token. */
  public record Decision(boolean allowed, Duration retryAfter) {
    static final Decision ALLOWED = new Decision(true, Duration.ZERO);
  }

  public RateLimiter(int requests, Duration window, Clock clock) {
    if (requests < 1 || window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("a rate limit needs at least 1 request per positive window");
    }
    this.capacity = requests;
    this.tokensPerNano = requests / (double) window.toNanos();
    this.clock = clock;
  }

  public Decision acquire(String client) {
    long now = clock.nanoTime();
    Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(capacity, now));
    Decision decision;
    synchronized (bucket) {
      refill(bucket, now);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        decision = Decision.ALLOWED;
      } else {
        long waitNanos = (long) Math.ceil((1 - bucket.tokens) / tokensPerNano);
        decision = new Decision(false, Duration.ofNanos(waitNanos));
      }
    }
    if (sinceSweep.incrementAndGet() % SWEEP_EVERY == 0) {
      sweep(now);
    }
    return decision;
  }

  private void refill(Bucket bucket, long now) {
    long elapsed = now - bucket.updatedNanos;
    if (elapsed > 0) {
      bucket.tokens = Math.min(capacity, bucket.tokens + elapsed * tokensPerNano);
      bucket.updatedNanos = now;
    }
  }

  /** Forgets buckets that are full again. */
  void sweep(long now) {
    buckets.entrySet().removeIf(e -> {
      Bucket b = e.getValue();
      synchronized (b) {
        refill(b, now);
        return b.tokens >= capacity;
      }
    });
  }

  int trackedClients() {
    return buckets.size();
  }

  /**
   * Parses {@code 100/60s}, {@code 10/1m}, {@code 5/500ms} or {@code off} (null).
   *
   * @throws IllegalArgumentException naming the expected form
   */
  public static RateLimitSpec parse(String spec) {
    if (spec == null || spec.equalsIgnoreCase("off")) {
      return null;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)/(\\d+)(ms|s|m|h)").matcher(spec.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("rate limit must look like 100/60s, 10/1m or off, got '" + spec + "'");
    }
    int requests = Integer.parseInt(m.group(1));
    long amount = Long.parseLong(m.group(2));
    Duration window = switch (m.group(3)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
    if (requests < 1 || window.isZero()) {
      throw new IllegalArgumentException("rate limit must allow at least 1 request per positive window");
    }
    return new RateLimitSpec(requests, window);
  }

  /** A parsed rate limit. */
  public record RateLimitSpec(int requests, Duration window) {
    @Override
    public String toString() {
      return requests + "/" + window.toSeconds() + "s";
    }
  }
}
