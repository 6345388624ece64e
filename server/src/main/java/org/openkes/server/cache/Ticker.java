package org.openkes.server.cache;

import java.time.Duration;

/**
 * Runs periodic tasks. The server uses a scheduled executor; tests use a manual ticker and run
 * the tasks themselves, so nothing sleeps.
 */
public interface Ticker {
  /** A registered task; cancel stops it. */
  interface Task {
    void cancel();
  }

  /** Runs {@code task} every {@code period}, first after one period. */
  Task every(Duration period, Runnable task);
}
