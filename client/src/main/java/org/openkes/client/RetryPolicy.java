package org.openkes.client;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often and how far apart one endpoint is retried. The SDK's rule: a request that fails with
 * a network error or {@code 503} is sent again up to two more times, 200 ms plus up to 800 ms of
 * random delay apart — for every method, including non-idempotent ones (kes-compat.md §1.1).
 *
 * @param retries how many times to send again after the first attempt
 * @param minDelay the fixed part of the pause
 * @param maxJitter the random part of the pause is uniform in {@code [0, maxJitter)}
 */
public record RetryPolicy(int retries, Duration minDelay, Duration maxJitter) {
  /** The SDK's: 2 retries, 200 ms + [0, 800) ms apart. */
  public static final RetryPolicy SDK = new RetryPolicy(2, Duration.ofMillis(200), Duration.ofMillis(800));

  /** No retries. */
  public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must not be negative");
    }
    Objects.requireNonNull(minDelay, "minDelay");
    Objects.requireNonNull(maxJitter, "maxJitter");
    if (minDelay.isNegative() || maxJitter.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
  }

  Duration delay(RandomGenerator random) {
    long jitter = maxJitter.toMillis() <= 0 ? 0 : random.nextLong(maxJitter.toMillis());
    return minDelay.plusMillis(jitter);
  }
}
