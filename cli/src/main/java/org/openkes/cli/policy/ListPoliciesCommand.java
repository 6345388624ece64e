package org.openkes.cli.policy;

import org.openkes.cli.Terminal;
import org.openkes.cli.client.CommandFailure;
import org.openkes.cli.client.Failures;
import org.openkes.cli.client.NameList;
import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kes policy ls [pattern]}. */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    description = "List policies whose names start with the pattern (default: all).",
    footer = {"", "Examples:", "  kes policy ls", "  kes policy ls --json 'app*'"})
final class ListPoliciesCommand extends PolicyCall {
  @Parameters(arity = "0..1", paramLabel = "<pattern>", defaultValue = "*")
  String pattern;

  @Option(names = "--json", description = "Print one JSON array (null when empty).")
  boolean json;

  @Option(names = "--color", paramLabel = "auto|never|always", hidden = true, description = "Accepted for compatibility.")
  String color;

  @Override
  protected void run(KesClient kes, Terminal t) throws CommandFailure {
    try {
      // Real KES's header reads "Key" here (a copy-paste slip); we say what is listed.
      NameList.print(t, "Policy", NameList.all(kes::listPolicies, pattern), json);
    } catch (KesException e) {
      throw Failures.of("failed to list policies", null, e);
    }
  }
}
