package dev.loupe.time;

import java.time.Instant;

/** The machine's wall clock (with microsecond resolution where the JVM offers it) and nanoTime. */
final class SystemClock implements Clock {
  static final SystemClock INSTANCE = new SystemClock();

  private SystemClock() {}

  @Override
  public long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }
}
