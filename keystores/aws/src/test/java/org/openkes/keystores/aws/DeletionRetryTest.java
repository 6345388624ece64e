package org.openkes.keystores.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What a create does when real AWS answers "scheduled for deletion" (moto deletes at once and
 * never answers so, which is why this decision is tested on its own).
 */
class DeletionRetryTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void aForceDeleteStillInProgressIsRetriedWithGrowingDelays() {
    Duration previous = Duration.ZERO;
    for (int failed = 1; failed < DeletionRetry.MAX_ATTEMPTS; failed++) {
      // gone already (DescribeSecret: not found) or deleted "now": the async delete
      for (Instant deletion : new Instant[] {null, NOW, NOW.minusSeconds(5)}) {
        DeletionRetry.Decision d = DeletionRetry.decide(failed, deletion, NOW);
        assertThat(d).isInstanceOf(DeletionRetry.Retry.class);
        Duration delay = ((DeletionRetry.Retry) d).delay();
        assertThat(delay).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(Duration.ofSeconds(4));
      }
      previous = ((DeletionRetry.Retry) DeletionRetry.decide(failed, null, NOW)).delay();
    }
    assertThat(previous).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void givesUpAfterTheLastAttempt() {
    DeletionRetry.Decision d = DeletionRetry.decide(DeletionRetry.MAX_ATTEMPTS, null, NOW);
    assertThat(d).isInstanceOf(DeletionRetry.GiveUp.class);
    assertThat(((DeletionRetry.GiveUp) d).reason()).contains("still deleting");
  }

  @Test
  void aRecoveryWindowIsNotWaitedForButExplained() {
    Instant in7Days = NOW.plus(Duration.ofDays(7));
    DeletionRetry.Decision d = DeletionRetry.decide(1, in7Days, NOW);
    assertThat(d).isInstanceOf(DeletionRetry.GiveUp.class);
    assertThat(((DeletionRetry.GiveUp) d).reason())
        .contains("scheduled for deletion on " + in7Days)
        .contains("RestoreSecret")
        .contains("ForceDeleteWithoutRecovery");
  }
}
