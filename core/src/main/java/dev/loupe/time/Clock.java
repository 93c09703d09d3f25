package dev.loupe.time;

/**
 * Where Loupe's components get the time, so that tests can move it instead of sleeping. Wall time
 * is for timestamps, TTLs and retention; the monotonic reading is for rates and intervals.
 */
public interface Clock {

  /** Wall-clock time in microseconds since the epoch. */
  long epochMicros();

  /** Monotonic time in nanoseconds, for measuring intervals only. */
  long nanoTime();

  /** The machine's clocks. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}
