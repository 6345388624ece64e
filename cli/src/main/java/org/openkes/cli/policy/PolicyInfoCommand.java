package org.openkes.cli.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.openkes.cli.Terminal;
import org.openkes.cli.client.CommandFailure;
import org.openkes.cli.client.Failures;
import org.openkes.cli.client.GoJson;
import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import org.openkes.client.PolicyInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kes policy info <name>}: when and by whom a policy was created. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "Describe a policy.",
    footer = {"", "Examples:", "  kes policy info my-app", "  kes policy info --json my-app"})
final class PolicyInfoCommand extends PolicyCall {
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @Parameters(arity = "0..1", paramLabel = "<name>")
  String name;

  @Option(names = "--json", description = "Print {\"name\",\"created_at\",\"created_by\"}.")
  boolean json;

  @Option(names = "--color", paramLabel = "auto|never|always", hidden = true, description = "Accepted for compatibility.")
  String color;

  @Override
  protected Optional<String> usageError() {
    return name == null ? Optional.of("no policy name specified. See 'kes policy info --help'") : Optional.empty();
  }

  @Override
  protected void run(KesClient kes, Terminal t) throws CommandFailure {
    PolicyInfo info;
    try {
      info = kes.describePolicy(name);
    } catch (KesException e) {
      throw Failures.of("failed to describe policy \"" + name + "\"", "policy \"" + name + "\"", e);
    }
    if (json) {
      ObjectNode o = GoJson.object().put("name", info.name())
          .put("created_at", GoJson.time(info.createdAt())).put("created_by", info.createdBy().value());
      t.out().println(t.terminalMode() ? GoJson.indented(o) : GoJson.compact(o));
      return;
    }
    t.out().print(String.format("%-12s%s%n%-12s%s%n%-12s%s%n", "Name", info.name(),
        "Date", DATE.format(info.createdAt().atZone(ZoneId.systemDefault())),
        "Created by", info.createdBy().value()).replace(System.lineSeparator(), "\n"));
  }
}
