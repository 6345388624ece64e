package org.openkes.cli.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LatencyBucketsTest {
  @Test
  void cumulativeCountsBecomeCountsPerBucketPlusTheSlowerOnes() {
    LatencyBuckets l = LatencyBuckets.of(Snapshots.busy());
    assertThat(l.buckets().stream().map(LatencyBuckets.Bucket::count).toList())
        .isEqualTo(List.of(1100L, 100L, 20L, 0L, 0L, 9L, 0L, 0L, 0L, 1L, 2L));
    assertThat(l.buckets().getLast().upTo()).isEmpty();
    assertThat(l.total()).isEqualTo(1232);
    assertThat(l.share(l.buckets().getFirst())).isEqualTo(1100.0 / 1232);
  }

  @Test
  void theMeanCountsEachBucketAtItsBoundAsRealKes() {
    // (1100*10ms + 100*50ms + 20*100ms + 9*1s + 1*10s) / 1230
    long nanos = (1100L * 10 + 100 * 50 + 20 * 100 + 9 * 1000 + 10_000) * 1_000_000 / 1230;
    assertThat(LatencyBuckets.of(Snapshots.busy()).mean())
        .hasValueSatisfying(d -> assertThat(d.toNanos()).isBetween(nanos - 1, nanos + 1));
    assertThat(LatencyBuckets.of(Snapshots.requests(0, 0, 0)).mean()).isEqualTo(Optional.empty());
  }

  @Test
  void noResponsesNoShares() {
    LatencyBuckets l = LatencyBuckets.of(Snapshots.requests(0, 0, 0));
    assertThat(l.total()).isZero();
    assertThat(l.buckets()).containsExactly(new LatencyBuckets.Bucket(Optional.empty(), 0));
    assertThat(l.share(l.buckets().getFirst())).isZero();
  }
}
