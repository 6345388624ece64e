package org.openkes.cli.metric;

import java.time.Duration;
import java.util.SortedMap;
import java.util.TreeMap;
import org.openkes.client.Metrics;

/** Fixed metrics snapshots for the tests. */
final class Snapshots {
  private Snapshots() {}

  /** A server that answered {@code ok}, {@code err} and {@code fail} requests. */
  static Metrics requests(long ok, long err, long fail) {
    return new Metrics(ok, err, fail, 0, 0, 0, new TreeMap<>(), Duration.ofSeconds(1), 4, 4, 10,
        0, 0, 0);
  }

  /**
   * A busy server: 1200 OK, 30 client errors, 2 server errors, 1 in flight; up 1h2m3s; 12.3 MB
   * heap. Of the 1232 responses, 1100 took up to 10 ms, 100 up to 50 ms, 20 up to 100 ms, 9 up
   * to 1 s, 1 up to 10 s and 2 longer.
   */
  static Metrics busy() {
    SortedMap<Duration, Long> h = new TreeMap<>();
    long[] cumulative = {1100, 1200, 1220, 1220, 1220, 1229, 1229, 1229, 1229, 1230};
    String[] bounds = {"10ms", "50ms", "100ms", "250ms", "500ms", "1s", "1500ms", "3s", "5s", "10s"};
    for (int i = 0; i < bounds.length; i++) {
      h.put(org.openkes.core.codec.GoDuration.parse(bounds[i]), cumulative[i]);
    }
    return new Metrics(1200, 30, 2, 1, 1232, 32, h, Duration.ofSeconds(3723), 8, 4, 57,
        12_345_678, 40_000, 1_048_576);
  }

  /** {@link #busy()} a while later: 250 more OK, 10 more client errors. */
  static Metrics busyLater() {
    Metrics b = busy();
    SortedMap<Duration, Long> h = new TreeMap<>();
    b.latencyHistogram().forEach((bound, n) -> h.put(bound, n + 260));
    return new Metrics(1450, 40, 2, 0, 1492, 32, h, Duration.ofSeconds(3728), 8, 4, 55,
        13_000_000, 41_000, 1_048_576);
  }
}
