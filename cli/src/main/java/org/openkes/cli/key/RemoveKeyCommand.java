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

/** {@code kes key rm <name>...}: one after the other, stopping at the first failure. */
@Command(
    name = "rm",
    mixinStandardHelpOptions = true,
    description = "Delete keys. The keys' data can no longer be decrypted.",
    footer = {"", "Examples:", "  kes key rm my-key", "  kes key rm -k key-1 key-2"})
final class RemoveKeyCommand extends ServerCall {
  @ParentCommand KeyCommand parent;

  @Parameters(arity = "0..*", paramLabel = "<name>")
  List<String> names = List.of();

  @Override
  protected ClientContext context() {
    return parent.context;
  }

  @Override
  protected Optional<String> usageError() {
    return names.isEmpty() ? Optional.of("no key name specified. See 'kes key rm --help'") : Optional.empty();
  }

  @Override
  protected void run(KesClient kes, Terminal t) throws CommandFailure {
    for (String name : names) {
      try {
        kes.deleteKey(name);
      } catch (KesException e) {
        throw Failures.of("failed to remove key \"" + name + "\"", "key \"" + name + "\"", e);
      }
    }
  }
}
