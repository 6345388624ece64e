package org.openkes.cli.metric;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.openkes.client.KesException;
import org.openkes.client.Metrics;
import org.openkes.client.Sleeper;

/**
 * Fetches metrics every interval and shows each snapshot with the request rates since the one
 * before. The rates divide by the time that really passed between the two fetches, not by the
 * nominal interval, which slow fetches would make wrong. Clock and sleep are injected, so tests
 * do not wait.
 */
final class Scraper {
  /** Where snapshots come from: the server, or a test's list. */
  @FunctionalInterface
  interface Source {
    Metrics fetch() throws KesException;
  }

  /** What happens to each snapshot: a dashboard frame or a JSON line. */
  @FunctionalInterface
  interface View {
    void show(Metrics metrics, Optional<Rates> rates);
  }

  private final Source source;
  private final Duration interval;
  private final Sleeper sleeper;
  private final LongSupplier nanoTime;

  Scraper(Source source, Duration interval, Sleeper sleeper, LongSupplier nanoTime) {
    this.source = source;
    this.interval = interval;
    this.sleeper = sleeper;
    this.nanoTime = nanoTime;
  }

  /**
   * Scrapes {@code count} times (0: until interrupted).
   *
   * @throws InterruptedException when the thread is interrupted while waiting (Ctrl-C)
   */
  void run(long count, View view) throws KesException, InterruptedException {
    Metrics previous = null;
    long previousAt = 0;
    for (long i = 0; count == 0 || i < count; i++) {
      if (i > 0) {
        sleeper.sleep(interval);
      }
      Metrics m = source.fetch();
      long at = nanoTime.getAsLong();
      Optional<Rates> rates = previous == null ? Optional.empty()
          : Rates.between(previous, m, Duration.ofNanos(at - previousAt));
      view.show(m, rates);
      previous = m;
      previousAt = at;
    }
  }
}
