package org.openkes.cli.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openkes.client.Metrics;

/** The scrape loop with a fake server, clock and sleep: nothing waits. */
class ScraperTest {
  @Test
  void ratesUseTheTimeThatReallyPassedBetweenFetches() throws Exception {
    Deque<Metrics> server = new ArrayDeque<>(List.of(
        Snapshots.requests(10, 0, 0), Snapshots.requests(30, 2, 0), Snapshots.requests(30, 2, 0)));
    // The fetches return at 0 s, 4 s (a slow fetch made the 2 s interval longer) and 6 s.
    Deque<Long> clock = new ArrayDeque<>(List.of(0L, 4_000_000_000L, 6_000_000_000L));
    List<Duration> sleeps = new ArrayList<>();
    List<Optional<Rates>> shown = new ArrayList<>();

    new Scraper(server::poll, Duration.ofSeconds(2), sleeps::add, clock::poll)
        .run(3, (m, rates) -> shown.add(rates));

    assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    assertThat(shown).containsExactly(Optional.empty(), Optional.of(new Rates(5, 0.5, 0)),
        Optional.of(new Rates(0, 0, 0)));
  }
}
