package org.openkes.cli.migrate;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openkes.core.migrate.KeyResult;
import org.openkes.core.migrate.MigrationListener;

/**
 * Shows migration progress on stderr: a redrawn bar with count, rate and ETA on a terminal, one
 * plain line per second otherwise (logs, CI), nothing with {@code --quiet}.
 */
final class ProgressReporter implements MigrationListener, AutoCloseable {
  private static final int BAR_WIDTH = 30;

  private final PrintStream err;
  private final boolean tty;
  private final String verb;
  private final AtomicInteger done = new AtomicInteger();
  private volatile int total = -1;
  private final long start = System.nanoTime();
  private final ScheduledExecutorService ticker;
  private int lastPrinted = -1;

  ProgressReporter(PrintStream err, boolean tty, boolean dryRun) {
    this.err = err;
    this.tty = tty;
    this.verb = dryRun ? "planned" : "done";
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "kes-migrate-progress");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(this::tick, tty ? 200 : 1000, tty ? 200 : 1000, TimeUnit.MILLISECONDS);
  }

  @Override
  public void planned(int total) {
    this.total = total;
  }

  @Override
  public void done(KeyResult result) {
    done.incrementAndGet();
  }

  private synchronized void tick() {
    int t = total;
    if (t < 0) {
      return;
    }
    int d = done.get();
    if (!tty && d == lastPrinted) {
      return;
    }
    lastPrinted = d;
    err.print(render(d, t, elapsedSeconds()));
    err.flush();
  }

  /** One progress line; on a terminal it starts with a carriage return and is redrawn. */
  String render(int d, int t, double seconds) {
    double rate = seconds > 0 ? d / seconds : 0;
    if (!tty) {
      return String.format("migrate: %d/%d keys %s (%.0f keys/s)%n", d, t, verb, rate);
    }
    int filled = t == 0 ? BAR_WIDTH : (int) ((long) d * BAR_WIDTH / t);
    String eta = rate > 0 && d < t ? formatDuration((t - d) / rate) : "--";
    return String.format("\r[%s%s] %d/%d %3d%%  %.0f keys/s  ETA %s ",
        "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), d, t,
        t == 0 ? 100 : (int) ((long) d * 100 / t), rate, eta);
  }

  static String formatDuration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format("%d:%02d", s / 60, s % 60);
  }

  private double elapsedSeconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  /** Stops the ticker and leaves the cursor on a fresh line after the final state. */
  @Override
  public synchronized void close() {
    ticker.shutdownNow();
    if (total >= 0) {
      int d = done.get();
      if (tty) {
        err.print(render(d, total, elapsedSeconds()));
        err.println();
      } else if (d != lastPrinted) {
        err.print(render(d, total, elapsedSeconds()));
      }
      err.flush();
    }
  }
}
