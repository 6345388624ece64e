package org.openkes.client;

import java.time.Duration;

/** Waits between retries. Injectable so that tests never sleep. */
@FunctionalInterface
public interface Sleeper {
  /** The real thing: {@link Thread#sleep(Duration)}. */
  Sleeper SYSTEM = Thread::sleep;

  void sleep(Duration duration) throws InterruptedException;
}
