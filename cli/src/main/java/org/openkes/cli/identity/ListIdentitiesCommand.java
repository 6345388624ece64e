package org.openkes.cli.identity;

import org.openkes.cli.Terminal;
import org.openkes.cli.client.ClientContext;
import org.openkes.cli.client.CommandFailure;
import org.openkes.cli.client.Failures;
import org.openkes.cli.client.NameList;
import org.openkes.cli.client.ServerCall;
import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import org.openkes.client.Page;
import org.openkes.core.identity.Identity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kes identity ls [pattern]}: the admin and the identities assigned to policies. */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    description = "List identities on the server whose values start with the pattern (default: all).",
    footer = {"", "Examples:", "  kes identity ls", "  kes identity ls --json 3ecf"})
final class ListIdentitiesCommand extends ServerCall {
  @ParentCommand IdentityCommand parent;

  @Parameters(arity = "0..1", paramLabel = "<pattern>", defaultValue = "")
  String pattern;

  @Option(names = "--json", description = "Print one JSON array (null when empty).")
  boolean json;

  @Option(names = "--color", paramLabel = "auto|never|always", hidden = true, description = "Accepted for compatibility.")
  String color;

  @Override
  protected ClientContext context() {
    return parent.clientContext();
  }

  @Override
  protected void run(KesClient kes, Terminal t) throws CommandFailure {
    try {
      NameList.print(t, "Identity", NameList.all(prefix -> {
        Page<Identity> p = kes.listIdentities(prefix);
        return new Page<>(p.items().stream().map(Identity::value).toList(), p.continueAt());
      }, pattern), json);
    } catch (KesException e) {
      throw Failures.of("failed to list identities", null, e);
    }
  }
}
