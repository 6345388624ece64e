package org.openkes.cli.server;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGHUP, SIGINT and SIGTERM as events for the server's main loop. The JVM offers no public API
 * to catch SIGHUP (its default is to exit), so this uses {@code sun.misc.Signal} from the {@code
 * jdk.unsupported} module, which every JDK ships for exactly this purpose.
 */
final class Signals {
  /** The signals {@code kes server} reacts to. */
  enum Kind {
    HUP,
    INT,
    TERM
  }

  private final BlockingQueue<Kind> events = new LinkedBlockingQueue<>();
  private final Set<Kind> ignored = EnumSet.noneOf(Kind.class);

  /** Installs the handlers; from now on the JVM no longer exits on these signals by itself. */
  static Signals install() {
    Signals s = new Signals();
    for (Kind k : Kind.values()) {
      // The handler runs on the JVM's signal thread: only hand the event over.
      SignalHandler previous = Signal.handle(new Signal(k.name()), sig -> s.events.offer(k));
      if (previous == SignalHandler.SIG_IGN) {
        // Ignored when the JVM started (nohup ignores SIGHUP): the JVM then keeps it ignored and
        // installs nothing, unlike Go, whose signal.Notify takes such a signal over.
        s.ignored.add(k);
      }
    }
    return s;
  }

  /** The signals this process cannot receive: ignored when it started. */
  Set<Kind> ignored() {
    return Collections.unmodifiableSet(ignored);
  }

  /** The next signal, waiting at most {@code timeout}; empty on timeout. */
  Optional<Kind> next(Duration timeout) throws InterruptedException {
    return Optional.ofNullable(events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
  }
}
