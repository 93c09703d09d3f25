package dev.loupe.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Graceful stop on SIGTERM and SIGINT with exit status 0. A shutdown hook alone would make the JVM
 * exit with 143 after SIGTERM; handling the signal lets the stop finish and the process exit
 * cleanly, as service managers expect.
 */
final class Signals {
  private Signals() {}

  static void onTerminate(Runnable stop) {
    AtomicBoolean once = new AtomicBoolean();
    Runnable handler = () -> {
      if (once.compareAndSet(false, true)) {
        stop.run();
      }
    };
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> new Thread(handler, "loupe-stop").start());
    }
    // Covers System.exit and signals that cannot be caught by handlers above.
    Runtime.getRuntime().addShutdownHook(new Thread(handler, "loupe-shutdown"));
  }
}
