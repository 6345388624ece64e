package org.openkes.cli.metric;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openkes.client.Metrics;

/**
 * The server's cumulative response-time histogram turned into how many responses fell into
 * each bucket, plus those slower than the last bound (the server sends no +Inf bucket, so they
 * are the responses counted but in no bucket).
 *
 * @param buckets responses per bucket, fastest first; the last one, with no upper bound, is
 *     "slower than every bound"
 * @param total all responses the histogram and the counters account for
 */
public record LatencyBuckets(List<Bucket> buckets, long total) {
  /**
   * Responses in one bucket.
   *
   * @param upTo the bucket's upper bound; empty for the slower-than-all bucket
   * @param count responses in this bucket alone (not cumulative)
   */
  public record Bucket(Optional<Duration> upTo, long count) {}

  public LatencyBuckets {
    buckets = List.copyOf(buckets);
  }

  public static LatencyBuckets of(Metrics m) {
    List<Bucket> buckets = new ArrayList<>();
    long cumulative = 0;
    for (Map.Entry<Duration, Long> b : m.latencyHistogram().entrySet()) {
      buckets.add(new Bucket(Optional.of(b.getKey()), Math.max(0, b.getValue() - cumulative)));
      cumulative = Math.max(cumulative, b.getValue());
    }
    long total = Math.max(cumulative, m.requests());
    buckets.add(new Bucket(Optional.empty(), total - cumulative));
    return new LatencyBuckets(buckets, total);
  }

  /** The share of responses in a bucket, 0 to 1; 0 when there were none at all. */
  public double share(Bucket b) {
    return total == 0 ? 0 : (double) b.count() / total;
  }

  /**
   * The mean response time as real KES estimates it: each bucket's responses counted at its
   * upper bound. Responses slower than every bound are left out, as they are there; empty
   * before the first response.
   */
  public Optional<Duration> mean() {
    double weighted = 0;
    long n = 0;
    for (Bucket b : buckets) {
      if (b.upTo().isPresent()) {
        weighted += b.count() * (double) b.upTo().get().toNanos();
        n += b.count();
      }
    }
    return n == 0 ? Optional.empty() : Optional.of(Duration.ofNanos((long) (weighted / n)));
  }
}
