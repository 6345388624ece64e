package org.openkes.cli.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.openkes.cli.Terminal;
import org.openkes.client.AuditEvent;
import org.openkes.client.ErrorEvent;
import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import org.openkes.client.LogStream;
import org.openkes.core.codec.GoDuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kes log}: follows the server's audit log (default) or error log until Ctrl-C, the
 * server ends the stream, or {@code -n} events have arrived.
 */
@Command(
    name = "log",
    mixinStandardHelpOptions = true,
    description = "Follow a KES server's audit log (default) or error log.",
    footer = {"", "Examples:", "  kes log", "  kes log --error", "  kes log --json | jq .request.path",
      "  kes log -n 10                  the next 10 events, then exit"})
public final class LogCommand extends TopLevelCall {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final String ROW = "%-8s  %-6s  %-20s  %-15s  %-32s  %s%n";

  @Option(names = "--audit", description = "Follow the audit log (the default).")
  boolean audit;

  @Option(names = "--error", description = "Follow the error log.")
  boolean error;

  @Option(names = "--json", description = "Print each event as one line of JSON.")
  boolean json;

  @Option(names = {"-n", "--count"}, paramLabel = "N",
      description = "Exit after N events (not in real KES; default: follow until Ctrl-C).")
  long count;


  public LogCommand() {
    this(ClientContext.system());
  }

  public LogCommand(ClientContext context) {
    super(context);
  }

  @Override
  protected Optional<String> usageError() {
    if (audit && error) {
      return Optional.of("cannot display audit and error logs at the same time");
    }
    return count < 0 ? Optional.of("-n must not be negative") : Optional.empty();
  }

  @Override
  protected void run(KesClient kes, Terminal t) throws CommandFailure {
    String what = error ? "error log" : "audit log";
    try {
      if (error) {
        try (LogStream<ErrorEvent> s = kes.errorLog()) {
          s.awaitSubscription();
          follow(s, t, e -> json ? GoJson.compact(GoJson.object().put("message", e.message())) : e.message());
        }
      } else {
        try (LogStream<AuditEvent> s = kes.auditLog()) {
          s.awaitSubscription();
          if (!json) {
            t.out().printf(ROW, "Time", "Status", "Identity", "IP", "API", "Latency");
          }
          follow(s, t, e -> json ? GoJson.compact(auditJson(e)) : auditRow(e));
        }
      }
    } catch (KesException e) {
      throw Failures.of("failed to follow the " + what, null, e);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof KesException k) {
        throw Failures.of("the " + what + " stream failed", null, k);
      }
      throw new CommandFailure("the " + what + " stream failed: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private <T> void follow(LogStream<T> s, Terminal t, java.util.function.Function<T, String> format) {
    long seen = 0;
    while ((count == 0 || seen < count) && s.hasNext()) {
      t.out().println(format.apply(s.next()));
      t.out().flush();
      seen++;
    }
  }

  private static String auditRow(AuditEvent e) {
    String id = e.identity().value();
    return String.format(ROW, TIME.format(e.time().atZone(ZoneId.systemDefault())), e.status(),
        id.length() > 20 ? id.substring(0, 20) : id, e.clientIp().isEmpty() ? "<unknown>" : e.clientIp(),
        e.path(), GoDuration.format(e.responseTime())).stripTrailing();
  }

  /** KES's audit event shape; response time in milliseconds, as KES writes it. */
  static ObjectNode auditJson(AuditEvent e) {
    ObjectNode o = GoJson.object().put("time", GoJson.time(e.time()));
    o.putObject("request").put("ip", e.clientIp()).put("path", e.path()).put("identity", e.identity().value());
    o.putObject("response").put("code", e.status()).put("time", e.responseTime().toMillis());
    return o;
  }
}
