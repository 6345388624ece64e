package org.openkes.cli.key;

import java.util.List;
import java.util.Optional;
import org.openkes.cli.Terminal;
import org.openkes.cli.client.CommandFailure;
import org.openkes.cli.client.Failures;
import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import picocli.CommandLine.Parameters;

/** {@code kes key <command> <name>...}: one key after the other, stopping at the first failure. */
abstract class EachKeyCall extends KeyCall {
  @Parameters(arity = "0..*", paramLabel = "<name>")
  List<String> names = List.of();

  private final String command;
  private final String failure;

  /**
   * @param command the subcommand's name, for the usage hint
   * @param failure what failed, e.g. {@code failed to create}; the key's name follows
   */
  EachKeyCall(String command, String failure) {
    this.command = command;
    this.failure = failure;
  }

  /** The request for one key. */
  abstract void apply(KesClient kes, String name) throws KesException;

  @Override
  protected Optional<String> usageError() {
    return names.isEmpty()
        ? Optional.of("no key name specified. See 'kes key " + command + " --help'")
        : Optional.empty();
  }

  @Override
  protected void run(KesClient kes, Terminal t) throws CommandFailure {
    for (String name : names) {
      try {
        apply(kes, name);
      } catch (KesException e) {
        throw Failures.of(failure + " key \"" + name + "\"", "key \"" + name + "\"", e);
      }
    }
  }
}
