package org.openkes.cli.metric;

import java.time.Duration;
import java.util.Optional;
import org.openkes.client.Metrics;

/**
 * Requests per second between two scrapes, by status class.
 *
 * @param ok 2xx responses per second
 * @param err 4xx responses per second
 * @param fail 5xx responses per second
 */
public record Rates(double ok, double err, double fail) {
  /** All responses per second. */
  public double total() {
    return ok + err + fail;
  }

  /**
   * The rates from {@code before} to {@code after}, {@code elapsed} apart; empty when they cannot
   * be known: no time passed, or a counter went down (the server restarted, or with several
   * servers the scrapes reached different ones).
   */
  public static Optional<Rates> between(Metrics before, Metrics after, Duration elapsed) {
    if (elapsed.isNegative() || elapsed.isZero()
        || after.requestOk() < before.requestOk()
        || after.requestErr() < before.requestErr()
        || after.requestFail() < before.requestFail()) {
      return Optional.empty();
    }
    double seconds = elapsed.toNanos() / 1e9;
    return Optional.of(new Rates(
        (after.requestOk() - before.requestOk()) / seconds,
        (after.requestErr() - before.requestErr()) / seconds,
        (after.requestFail() - before.requestFail()) / seconds));
  }
}
