package org.openkes.cli.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openkes.cli.Golden;

/** The dashboard frame for fixed snapshots against golden/metric/. */
class DashboardTest {
  private static final Optional<Rates> FIVE_SECONDS_LATER =
      Rates.between(Snapshots.busy(), Snapshots.busyLater(), Duration.ofSeconds(5));

  @Test
  void firstFrameHasNoRatesYet() {
    List<String> frame = new Dashboard(false).render(Snapshots.busy(), Optional.empty());
    Golden.assertMatches("metric/first-frame.txt", String.join("\n", frame) + "\n");
  }

  @Test
  void laterFramesShowRequestsPerSecond() {
    List<String> frame = new Dashboard(false).render(Snapshots.busyLater(), FIVE_SECONDS_LATER);
    Golden.assertMatches("metric/later-frame.txt", String.join("\n", frame) + "\n");
  }

  /** Escapes written as \e so that the file (and a diff) can be read. */
  @Test
  void colorsAsRealKes() {
    List<String> frame = new Dashboard(true).render(Snapshots.busyLater(), FIVE_SECONDS_LATER);
    Golden.assertMatches("metric/later-frame.color.txt",
        String.join("\n", frame).replace("\033", "\\e") + "\n");
  }

  @Test
  void aServerWithoutRequests() {
    List<String> frame = new Dashboard(false).render(Snapshots.requests(0, 0, 0), Optional.empty());
    Golden.assertMatches("metric/no-requests.txt", String.join("\n", frame) + "\n");
  }

  @Test
  void alwaysTheSameNumberOfLinesAndAtMost80Columns() {
    for (List<String> frame : List.of(
        new Dashboard(false).render(Snapshots.busy(), Optional.empty()),
        new Dashboard(false).render(Snapshots.requests(0, 0, 0), FIVE_SECONDS_LATER))) {
      assertThat(frame).hasSize(Dashboard.LINES).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    }
  }

  @Test
  void sizesInDecimalUnitsAsRealKes() {
    assertThat(Dashboard.size(0)).isEqualTo("0B");
    assertThat(Dashboard.size(999)).isEqualTo("999B");
    assertThat(Dashboard.size(12_345_678)).isEqualTo("12.3MB");
    assertThat(Dashboard.size(1_048_576)).isEqualTo("1.0MB");
  }
}
