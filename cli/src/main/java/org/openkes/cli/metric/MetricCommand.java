package org.openkes.cli.metric;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openkes.cli.Interrupts;
import org.openkes.cli.Terminal;
import org.openkes.cli.client.ClientContext;
import org.openkes.cli.client.CommandFailure;
import org.openkes.cli.client.Failures;
import org.openkes.cli.client.TopLevelCall;
import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import org.openkes.client.Sleeper;
import org.openkes.core.codec.GoDuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kes metric}: scrapes the server's metrics every {@code --rate}. On a terminal a
 * dashboard redrawn in place (as real KES); piped, or with {@code --json}, one JSON object per
 * scrape with the SDK's {@code kes_*} names. Ctrl-C ends it normally (exit 0), showing the
 * cursor again.
 */
@Command(
    name = "metric",
    mixinStandardHelpOptions = true,
    description = "Scrape a KES server's metrics periodically.",
    footer = {"", "On a terminal, a dashboard redrawn every DURATION (needs 80 columns); piped, one",
      "JSON object per scrape.", "", "Examples:", "  kes metric",
      "  kes metric --rate 1s | jq .kes_http_request_success",
      "  kes metric -n 1 --json          one scrape, then exit"})
public final class MetricCommand extends TopLevelCall {
  @Option(names = "--rate", paramLabel = "DURATION", defaultValue = "5s",
      description = "Time between scrapes, a Go duration (default: ${DEFAULT-VALUE}).")
  String rate;

  @Option(names = "--json", description = "Print JSON even on a terminal.")
  boolean json;

  @Option(names = {"-n", "--count"}, paramLabel = "N",
      description = "Exit after N scrapes (not in real KES; default: until Ctrl-C).")
  long count;

  private Duration interval;

  public MetricCommand() {
    this(ClientContext.system());
  }

  public MetricCommand(ClientContext context) {
    super(context);
  }

  @Override
  protected Optional<String> usageError() {
    try {
      interval = GoDuration.parse(rate);
    } catch (IllegalArgumentException e) {
      return Optional.of("invalid --rate '" + rate + "': " + e.getMessage());
    }
    if (interval.isNegative() || interval.isZero()) {
      return Optional.of("--rate must be positive");
    }
    return count < 0 ? Optional.of("-n must not be negative") : Optional.empty();
  }

  @Override
  protected void run(KesClient kes, Terminal t) throws CommandFailure {
    Scraper scraper = new Scraper(kes::metrics, interval, Sleeper.SYSTEM, System::nanoTime);
    Thread caller = Thread.currentThread();
    AtomicBoolean stopping = new AtomicBoolean();
    // Ctrl-C wakes the scraping thread instead of killing the JVM, so the finally blocks run.
    Interrupts interrupts = Interrupts.install(() -> {
      stopping.set(true);
      caller.interrupt();
    });
    try (LiveScreen screen = new LiveScreen(t.out())) {
      scraper.run(count, view(t, screen));
    } catch (InterruptedException e) {
      // Ctrl-C while waiting for the next scrape: the normal way to stop.
    } catch (KesException e) {
      if (!stopping.get()) { // else Ctrl-C interrupted a fetch
        throw Failures.of("failed to fetch metrics", null, e);
      }
    } finally {
      interrupts.uninstall();
      Thread.interrupted(); // a late Ctrl-C must not leak into the code after us
    }
  }

  private Scraper.View view(Terminal t, LiveScreen screen) {
    if (json || !t.stdoutTty()) {
      return (m, rates) -> {
        t.out().println(MetricJson.of(m));
        t.out().flush();
      };
    }
    Dashboard dashboard = new Dashboard(t.colors());
    return (m, rates) -> screen.draw(dashboard.render(m, rates));
  }
}
