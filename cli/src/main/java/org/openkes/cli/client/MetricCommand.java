package org.openkes.cli.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.openkes.cli.Terminal;
import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import org.openkes.client.Metrics;
import org.openkes.core.codec.GoDuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kes metric}: scrapes the server's metrics every {@code --rate}. Piped (or with {@code
 * --json}) one JSON object per scrape with the SDK's {@code kes_*} names; on a terminal one
 * summary line per scrape (real KES draws a full-screen dashboard).
 */
@Command(
    name = "metric",
    mixinStandardHelpOptions = true,
    description = "Scrape a KES server's metrics periodically.",
    footer = {"", "Examples:", "  kes metric", "  kes metric --rate 1s | jq .kes_http_request_success",
      "  kes metric -n 1 --json          one scrape, then exit"})
public final class MetricCommand extends ServerCall {
  @Option(names = "--rate", paramLabel = "DURATION", defaultValue = "5s",
      description = "Time between scrapes, a Go duration (default: ${DEFAULT-VALUE}).")
  String rate;

  @Option(names = "--json", description = "Print JSON even on a terminal.")
  boolean json;

  @Option(names = {"-n", "--count"}, paramLabel = "N",
      description = "Exit after N scrapes (not in real KES; default: until Ctrl-C).")
  long count;

  private final ClientContext context;
  private Duration interval;

  public MetricCommand() {
    this(ClientContext.system());
  }

  public MetricCommand(ClientContext context) {
    this.context = context;
  }

  @Override
  protected ClientContext context() {
    return context;
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
    Metrics previous = null;
    for (long i = 0; count == 0 || i < count; i++) {
      if (i > 0) {
        try {
          Thread.sleep(interval);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      Metrics m;
      try {
        m = kes.metrics();
      } catch (KesException e) {
        throw Failures.of("failed to fetch metrics", null, e);
      }
      if (json || !t.terminalMode()) {
        t.out().println(GoJson.compact(toJson(m)));
      } else {
        t.out().println(summary(m, previous));
      }
      t.out().flush();
      previous = m;
    }
  }

  private String summary(Metrics m, Metrics previous) {
    long total = m.requests();
    String rateText = previous == null ? "-"
        : String.format("%.1f", (total - previous.requests()) / (interval.toMillis() / 1000.0));
    return String.format("2xx %d  4xx %d  5xx %d  req/s %s  avg latency %s  uptime %s  heap %.1f MiB"
            + "  stack %.1f MiB  CPUs %d/%d  threads %d",
        m.requestOk(), m.requestErr(), m.requestFail(), rateText, averageLatency(m),
        GoDuration.format(m.uptime().withNanos(0)), m.heapAlloc() / 1048576.0, m.stackAlloc() / 1048576.0,
        m.usableCpus(), m.cpus(), m.threads());
  }

  /**
   * The mean response time estimated from the cumulative histogram: each bucket's requests
   * counted at its upper bound (requests slower than the last bound are not counted).
   */
  static String averageLatency(Metrics m) {
    long prevCount = 0;
    double weighted = 0;
    long n = 0;
    for (Map.Entry<Duration, Long> b : m.latencyHistogram().entrySet()) {
      long inBucket = b.getValue() - prevCount;
      prevCount = b.getValue();
      weighted += inBucket * (double) b.getKey().toNanos();
      n += inBucket;
    }
    return n == 0 ? "-" : GoDuration.format(Duration.ofNanos((long) (weighted / n)).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
  }

  /** The SDK's {@code Metric} JSON: durations in nanoseconds, histogram keyed by bucket bound. */
  static ObjectNode toJson(Metrics m) {
    ObjectNode o = GoJson.object()
        .put("kes_http_request_success", m.requestOk())
        .put("kes_http_request_error", m.requestErr())
        .put("kes_http_request_failure", m.requestFail())
        .put("kes_http_request_active", m.requestActive())
        .put("kes_log_audit_events", m.auditEvents())
        .put("kes_log_error_events", m.errorEvents());
    ObjectNode h = o.putObject("kes_http_response_time");
    m.latencyHistogram().forEach((bound, n) -> h.put(Long.toString(bound.toNanos()), n));
    return o.put("kes_system_up_time", m.uptime().toNanos())
        .put("kes_system_num_cpu", m.cpus())
        .put("kes_system_num_cpu_used", m.usableCpus())
        .put("kes_system_num_threads", m.threads())
        .put("kes_system_mem_heap_used", m.heapAlloc())
        .put("kes_system_mem_heap_objects", m.heapObjects())
        .put("kes_system_mem_stack_used", m.stackAlloc());
  }
}
