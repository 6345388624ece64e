package org.openkes.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openkes.server.cache.Ticker;

/** A ticker whose time only moves when a test says so: {@link #advance} runs what is due. */
public final class ManualTicker implements Ticker {
  private final List<Scheduled> tasks = new ArrayList<>();
  private long now;

  private static final class Scheduled implements Task {
    final long period;
    final Runnable task;
    long next;
    boolean cancelled;

    Scheduled(long period, Runnable task, long next) {
      this.period = period;
      this.task = task;
      this.next = next;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  @Override
  public synchronized Task every(Duration period, Runnable task) {
    Scheduled s = new Scheduled(period.toNanos(), task, now + period.toNanos());
    tasks.add(s);
    return s;
  }

  /** Moves time forward, running every task as often as it falls due, in time order. */
  public void advance(Duration d) {
    long target;
    synchronized (this) {
      target = now + d.toNanos();
    }
    while (true) {
      Scheduled due = null;
      synchronized (this) {
        for (Scheduled s : tasks) {
          if (!s.cancelled && s.next <= target && (due == null || s.next < due.next)) {
            due = s;
          }
        }
        if (due == null) {
          now = target;
          return;
        }
        now = due.next;
        due.next += due.period;
      }
      due.task.run();
    }
  }

  /** How many tasks are registered and not cancelled. */
  public synchronized int active() {
    return (int) tasks.stream().filter(s -> !s.cancelled).count();
  }
}
