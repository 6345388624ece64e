package org.openkes.cli.key;

import org.openkes.cli.Terminal;
import org.openkes.cli.client.CommandFailure;
import org.openkes.cli.client.Failures;
import org.openkes.cli.client.NameList;
import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kes key ls [pattern]}, also spelled {@code kes key list}: the seed and KES's own KMS
 * migration guide use that spelling, which real v0.24 rejects.
 */
@Command(
    name = "ls",
    aliases = "list",
    mixinStandardHelpOptions = true,
    description = "List keys whose names start with the pattern (default: all).",
    footer = {"", "Examples:", "  kes key ls", "  kes key ls 'my-*'", "  kes key ls --json"})
final class ListKeysCommand extends KeyCall {
  @Parameters(arity = "0..1", paramLabel = "<pattern>", defaultValue = "*")
  String pattern;

  @Option(names = "--json", description = "Print one JSON array (null when empty).")
  boolean json;

  @Option(names = "--color", paramLabel = "auto|never|always", hidden = true,
      description = "Accepted for compatibility.")
  String color;

  @Override
  protected void run(KesClient kes, Terminal t) throws CommandFailure {
    try {
      NameList.print(t, "Key", NameList.all(kes::listKeys, pattern), json);
    } catch (KesException e) {
      throw Failures.of("failed to list keys", null, e);
    }
  }
}
