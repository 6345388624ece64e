package org.openkes.keystores.aws;

import java.time.Duration;
import java.time.Instant;

/**
 * What a create does when Secrets Manager says a secret of that name is being deleted.
 *
 * <p>A force delete ({@code ForceDeleteWithoutRecovery}, what {@code delete} sends) finishes
 * asynchronously on real AWS, so a create right after it — {@code kes migrate --force} does
 * exactly that — can fail for a moment (keystores.md §5.1, K11): retry with back-off. A secret
 * deleted with a recovery window (from the console, by default 30 days) stays until that date:
 * retrying is pointless, so say what to do instead.
 */
final class DeletionRetry {
  private DeletionRetry() {}

  /** Attempts of the create in all, including the first. */
  static final int MAX_ATTEMPTS = 8;
  private static final Duration FIRST_DELAY = Duration.ofMillis(250);
  private static final Duration MAX_DELAY = Duration.ofSeconds(4);
  /** A deletion date further away than this is a recovery window, not a force delete. */
  static final Duration RECOVERY_WINDOW_THRESHOLD = Duration.ofHours(1);

  sealed interface Decision permits Retry, GiveUp {}

  /** Try the create again after {@code delay}. */
  record Retry(Duration delay) implements Decision {}

  /** Stop; {@code reason} completes "cannot create key 'k': ". */
  record GiveUp(String reason) implements Decision {}

  /**
   * @param failedAttempts creates that failed so far (at least 1)
   * @param scheduledDeletion the secret's deletion date from DescribeSecret; null if the secret
   *     is already gone or has none
   */
  static Decision decide(int failedAttempts, Instant scheduledDeletion, Instant now) {
    if (scheduledDeletion != null && scheduledDeletion.isAfter(now.plus(RECOVERY_WINDOW_THRESHOLD))) {
      return new GiveUp("a secret with this name is scheduled for deletion on " + scheduledDeletion
          + " (deleted with a recovery window); restore it with RestoreSecret, or delete it for good"
          + " (kes key delete, or DeleteSecret with ForceDeleteWithoutRecovery), then try again");
    }
    if (failedAttempts >= MAX_ATTEMPTS) {
      return new GiveUp("AWS Secrets Manager is still deleting a secret with this name after "
          + failedAttempts + " attempts; try again in a minute");
    }
    long millis = FIRST_DELAY.toMillis() << Math.min(failedAttempts - 1, 10);
    return new Retry(Duration.ofMillis(Math.min(millis, MAX_DELAY.toMillis())));
  }
}
