package org.openkes.cli.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RatesTest {
  @Test
  void perSecondOverTheTimeThatPassed() {
    Rates r = Rates.between(Snapshots.requests(100, 10, 1), Snapshots.requests(150, 14, 1),
        Duration.ofMillis(2500)).orElseThrow();
    assertThat(r.ok()).isEqualTo(20.0);
    assertThat(r.err()).isEqualTo(1.6);
    assertThat(r.fail()).isZero();
    assertThat(r.total()).isEqualTo(21.6);
  }

  @Test
  void unknownWhenACounterWentDownOrNoTimePassed() {
    assertThat(Rates.between(Snapshots.requests(100, 10, 1), Snapshots.requests(5, 10, 1),
        Duration.ofSeconds(5))).isEmpty();
    assertThat(Rates.between(Snapshots.requests(1, 1, 1), Snapshots.requests(2, 2, 2),
        Duration.ZERO)).isEmpty();
  }
}
