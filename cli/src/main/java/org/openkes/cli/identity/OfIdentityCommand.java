package org.openkes.cli.identity;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import org.openkes.cli.Terminal;
import org.openkes.cli.client.GoJson;
import org.openkes.core.identity.Identity;
import org.openkes.core.identity.InvalidApiKeyException;
import org.openkes.core.identity.KeyMaterialException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kes identity of <api-key|certificate>}: the identity, exactly as real KES computes it. */
@Command(
    name = "of",
    mixinStandardHelpOptions = true,
    description = "Compute the identity of an API key or of a certificate (SHA-256 of its public key).",
    footer = {
      "",
      "Examples:",
      "  kes identity of kes:v1:ACQpoGqx3rHHjT938Hfu5hVVQJHZWSqVI2Xp1KlYxFVw",
      "  kes identity of client.crt",
    })
final class OfIdentityCommand implements Callable<Integer> {
  @ParentCommand IdentityCommand parent;

  @Parameters(arity = "0..1", paramLabel = "<api-key|certificate>")
  String argument;

  @Option(names = "--json", description = "Print {\"identity\": ...}.")
  boolean json;

  private Terminal terminal() {
    return parent == null ? Terminal.system() : parent.terminalForSubcommands();
  }

  @Override
  public Integer call() {
    Terminal t = terminal();
    if (argument == null) {
      t.err().println("Error: no API key or certificate specified. See 'kes identity of --help'");
      return 2;
    }
    Identity id;
    try {
      id = IdentityCommand.identityOf(argument);
    } catch (InvalidApiKeyException e) {
      t.err().println("Error: " + e.getMessage());
      return 1;
    } catch (KeyMaterialException e) {
      t.err().println("Error: failed to parse certificate in '" + argument + "': " + e.getMessage());
      return 1;
    } catch (NoSuchFileException e) {
      t.err().println("Error: open " + argument + ": no such file or directory");
      return 1;
    } catch (IOException e) {
      t.err().println("Error: cannot read '" + argument + "': " + e.getMessage());
      return 1;
    }
    if (json) {
      t.out().println(GoJson.compact(GoJson.object().put("identity", id.value())));
    } else if (t.stdoutTty()) {
      t.out().println("Identity:");
      t.out().println();
      t.out().println("   " + id.value());
    } else {
      t.out().print(id.value());
    }
    return 0;
  }
}
