package dev.loupe.time;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test moves it. */
public final class ManualClock implements Clock {
  private final AtomicLong micros;
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  public ManualClock(long epochMicros) {
    this.micros = new AtomicLong(epochMicros);
  }

  /** 2026-11-23T00:00:00Z. */
  public static ManualClock atDefaultInstant() {
    return new ManualClock(1_795_392_000_000_000L);
  }

  @Override
  public long epochMicros() {
    return micros.get();
  }

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  public void advance(Duration d) {
    micros.addAndGet(d.toNanos() / 1000);
    nanos.addAndGet(d.toNanos());
  }
}
