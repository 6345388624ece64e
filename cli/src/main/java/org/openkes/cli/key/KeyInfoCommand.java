package org.openkes.cli.key;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.openkes.cli.Terminal;
import org.openkes.cli.client.CommandFailure;
import org.openkes.cli.client.Failures;
import org.openkes.cli.client.GoJson;
import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import org.openkes.client.KeyInfo;
import org.openkes.core.crypto.KeyType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kes key info <name>}: name, algorithm, creation date and creator. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "Describe a key.",
    footer = {"", "Examples:", "  kes key info my-key", "  kes key info --json my-key"})
final class KeyInfoCommand extends KeyCall {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  @Parameters(arity = "0..1", paramLabel = "<name>")
  String name;

  @Option(names = "--json", description = "Print {\"name\",\"algorithm\",\"created_at\",\"created_by\"}.")
  boolean json;

  @Option(names = "--color", paramLabel = "auto|never|always", hidden = true,
      description = "Accepted for compatibility; this output has no colours.")
  String color;

  @Override
  protected Optional<String> usageError() {
    return name == null ? Optional.of("no key name specified. See 'kes key info --help'") : Optional.empty();
  }

  @Override
  protected void run(KesClient kes, Terminal t) throws CommandFailure {
    KeyInfo info;
    try {
      info = kes.describeKey(name);
    } catch (KesException e) {
      throw Failures.of("failed to describe key \"" + name + "\"", "key \"" + name + "\"", e);
    }
    if (json) {
      ObjectNode o = GoJson.object().put("name", info.name());
      // The SDK's algorithm enum is 0 for AES256 and tagged omitempty: real KES leaves it out.
      if (info.algorithm() != KeyType.AES256) {
        o.put("algorithm", info.algorithm().apiName());
      }
      o.put("created_at", GoJson.time(info.createdAt())).put("created_by", info.createdBy().value());
      t.out().println(GoJson.compact(o));
      return;
    }
    t.out().print(String.format("%-11s%s%n%-11s%s%n%-11s%s%n%-11s%s", "Name", info.name(),
        "Algorithm", info.algorithm().apiName(), "Date", DATE.format(info.createdAt()),
        "Owner", info.createdBy().value()).replace(System.lineSeparator(), "\n"));
    if (t.terminalMode()) {
      t.out().println(); // real KES ends without a newline; on a terminal that mangles the prompt
    }
  }
}
