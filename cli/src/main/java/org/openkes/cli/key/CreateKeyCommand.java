package org.openkes.cli.key;

import java.util.List;
import java.util.Optional;
import org.openkes.cli.Terminal;
import org.openkes.cli.client.ClientContext;
import org.openkes.cli.client.CommandFailure;
import org.openkes.cli.client.Failures;
import org.openkes.cli.client.ServerCall;
import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kes key create <name>...}: one after the other, stopping at the first failure. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Create new keys; the server generates their secrets.",
    footer = {"", "Examples:", "  kes key create my-key", "  kes key create -k key-1 key-2"})
final class CreateKeyCommand extends ServerCall {
  @ParentCommand KeyCommand parent;

  @Parameters(arity = "0..*", paramLabel = "<name>")
  List<String> names = List.of();

  @Override
  protected ClientContext context() {
    return parent.context;
  }

  @Override
  protected Optional<String> usageError() {
    return names.isEmpty() ? Optional.of("no key name specified. See 'kes key create --help'") : Optional.empty();
  }

  @Override
  protected void run(KesClient kes, Terminal t) throws CommandFailure {
    for (String name : names) {
      try {
        kes.createKey(name);
      } catch (KesException e) {
        throw Failures.of("failed to create key \"" + name + "\"", "key \"" + name + "\"", e);
      }
    }
  }
}
