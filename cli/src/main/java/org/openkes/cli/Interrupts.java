package org.openkes.cli;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT and SIGTERM into a graceful stop for the duration of a long operation: the first
 * signal runs the given action (finish in-flight work, then report); the previous handlers come
 * back on {@link #uninstall()}. Uses {@code sun.misc.Signal}, the JDK's supported-in-practice
 * way to handle signals without the JVM starting to exit.
 */
public final class Interrupts {
  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  private Interrupts() {}

  public static Interrupts install(Runnable onFirstSignal) {
    Interrupts i = new Interrupts();
    boolean[] fired = {false};
    SignalHandler handler = sig -> {
      synchronized (fired) {
        if (fired[0]) {
          return; // already stopping; kill -9 remains for the impatient
        }
        fired[0] = true;
      }
      onFirstSignal.run();
    };
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal s = new Signal(name);
        i.previous.add(Signal.handle(s, handler));
        i.signals.add(s);
      } catch (IllegalArgumentException e) {
        // signal not available on this platform
      }
    }
    return i;
  }

  public void uninstall() {
    for (int k = 0; k < signals.size(); k++) {
      Signal.handle(signals.get(k), previous.get(k));
    }
  }
}
