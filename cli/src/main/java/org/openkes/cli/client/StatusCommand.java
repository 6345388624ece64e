package org.openkes.cli.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.openkes.cli.Terminal;
import org.openkes.client.ApiRoute;
import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import org.openkes.client.Status;
import org.openkes.core.codec.GoDuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kes status}: whether the server is up, and what it runs on (kes-compat.md §8.3). */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Print the status of a KES server.",
    footer = {"", "Examples:", "  kes status", "  kes status -s", "  kes status --api", "  kes status --json"})
public final class StatusCommand extends TopLevelCall {
  @Option(names = {"-s", "--short"}, description = "Print only whether the server is reachable.")
  boolean brief;

  @Option(names = "--api", description = "List the server's API routes and their timeouts.")
  boolean api;

  @Option(names = "--json", description = "Print the status (or with --api the routes) as JSON.")
  boolean json;

  @Option(names = "--color", paramLabel = "auto|never|always", hidden = true, description = "Accepted for compatibility.")
  String color;


  public StatusCommand() {
    this(ClientContext.system());
  }

  public StatusCommand(ClientContext context) {
    super(context);
  }

  @Override
  protected void run(KesClient kes, Terminal t) throws CommandFailure {
    String endpoint = kes.endpoints().get(0).toString().replaceFirst("^https://", "");
    long start = System.nanoTime();
    Status status;
    List<ApiRoute> routes;
    try {
      status = kes.status();
      routes = api ? kes.apis() : List.of();
    } catch (KesException e) {
      throw Failures.of("failed to get the status of " + endpoint, null, e);
    }
    Duration latency = Duration.ofNanos(System.nanoTime() - start);
    // Real KES indents JSON on a terminal unless -s.
    boolean indent = t.terminalMode() && !brief;
    if (json) {
      var node = api ? routesJson(routes) : statusJson(status);
      t.out().println(indent ? GoJson.indented(node) : GoJson.compact(node));
      return;
    }
    StringBuilder s = new StringBuilder("● ").append(endpoint).append('\n');
    if (!brief) {
      row(s, "Version", status.version());
      row(s, "Uptime", uptime(status.uptime()));
      row(s, "Latency", GoDuration.format(latency.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
      row(s, "OS", status.os());
      row(s, "CPUs", status.usableCpus() + " " + status.arch());
      row(s, "Memory", "Heap " + mib(status.heapUsed()) + " · Stack " + mib(status.stackUsed()));
    }
    if (api) {
      s.append('\n').append(String.format("%-7s %-29s %s%n", "Method", "API", "Timeout"));
      for (ApiRoute r : routes) {
        String timeout = r.timeout().isZero() ? "Inf" : GoDuration.format(r.timeout());
        s.append(String.format("%-7s %-29s %s%n", r.method(), r.path(), timeout));
      }
    }
    t.out().print(s.toString().replace(System.lineSeparator(), "\n"));
  }

  private static void row(StringBuilder s, String label, String value) {
    s.append("  ").append(String.format("%-10s", label)).append(value).append('\n');
  }

  static String uptime(Duration d) {
    if (d.toDays() > 0) {
      return d.toDays() + " days " + d.toHoursPart() + " hours";
    }
    if (d.toHours() > 0) {
      return d.toHours() + " hours";
    }
    if (d.toMinutes() > 0) {
      return d.toMinutes() + " minutes";
    }
    return d.toSeconds() + " seconds";
  }

  private static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / 1048576.0);
  }

  /** The SDK's State JSON; zero fields are omitted (omitempty), latency in nanoseconds. */
  static ObjectNode statusJson(Status s) {
    ObjectNode o = GoJson.object();
    putString(o, "version", s.version());
    putString(o, "os", s.os());
    putString(o, "arch", s.arch());
    if (!s.uptime().isZero()) {
      String secs = BigDecimal.valueOf(s.uptime().toNanos(), 9).stripTrailingZeros().toPlainString();
      o.putRawValue("uptime", new RawValue(secs)); // Go writes floats without exponent or ".0"
    }
    putNumber(o, "num_cpu", s.cpus());
    putNumber(o, "num_cpu_used", s.usableCpus());
    putNumber(o, "mem_heap_used", s.heapUsed());
    putNumber(o, "mem_stack_used", s.stackUsed());
    putNumber(o, "keystore_latency", s.keystoreLatency().toNanos());
    if (!s.keystoreReachable()) {
      o.put("keystore_unreachable", true);
    }
    if (!s.keystoreAvailable()) {
      o.put("keystore_unavailable", true);
    }
    return o;
  }

  static ArrayNode routesJson(List<ApiRoute> routes) {
    ArrayNode a = GoJson.array();
    for (ApiRoute r : routes) {
      a.addObject().put("method", r.method()).put("path", r.path()).put("max_body", r.maxBody())
          .put("timeout", r.timeout().toNanos());
    }
    return a;
  }

  private static void putString(ObjectNode o, String name, String value) {
    if (!value.isEmpty()) {
      o.put(name, value);
    }
  }

  private static void putNumber(ObjectNode o, String name, long value) {
    if (value != 0) {
      o.put(name, value);
    }
  }
}
