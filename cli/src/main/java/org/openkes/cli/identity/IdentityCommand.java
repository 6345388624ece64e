package org.openkes.cli.identity;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import org.openkes.cli.Subcommand;
import org.openkes.cli.Terminal;
import org.openkes.cli.client.GoJson;
import org.openkes.cli.client.ClientContext;
import org.openkes.core.identity.ApiKey;
import org.openkes.core.identity.Identity;
import org.openkes.core.identity.InvalidApiKeyException;
import org.openkes.core.identity.KeyMaterialException;
import org.openkes.core.identity.Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kes identity [<api-key|file>]}: without an argument a new API key; with an API key its
 * identity; with a PEM file the identity of its certificate, or the API key of its Ed25519
 * private key (kes-compat.md §3.4, §8.3).
 */
@Command(
    name = "identity",
    mixinStandardHelpOptions = true,
    description = {
      "Create and inspect KES identities and API keys.",
      "",
      "Without an argument: print a new API key (and, on a terminal, its identity).",
      "With an API key: print its identity. With a PEM file: the identity of its certificate,",
      "or the API key of its Ed25519 private key.",
    },
    footer = {
      "",
      "Examples:",
      "  kes identity                                   a new API key",
      "  kes identity kes:v1:ACQpoGqx3rHHjT938Hfu5hVVQJHZWSqVI2Xp1KlYxFVw",
      "  kes identity client.crt",
      "  kes identity new --key client.key --cert client.crt Client-1",
      "  kes identity of client.crt",
      "  kes identity info                              describe yourself (on the server)",
      "  kes identity ls                                identities the server knows",
    })
public final class IdentityCommand implements Callable<Integer> {
  /** Its subcommands, in help order (built lazily, see {@link org.openkes.cli.CommandTree}). */
  public static final List<Subcommand> SUBCOMMANDS = List.of(
      Subcommand.of("new", NewIdentityCommand.class),
      Subcommand.of("of", OfIdentityCommand.class),
      Subcommand.of("info", IdentityInfoCommand.class),
      Subcommand.of("ls", ListIdentitiesCommand.class));

  @Parameters(arity = "0..1", paramLabel = "<api-key|file>", description = "An API key or a PEM file.")
  String argument;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  private final Terminal terminal;
  private final PasswordReader passwords;

  private final ClientContext context;

  public IdentityCommand() {
    this(ClientContext.system());
  }

  public IdentityCommand(Terminal terminal, PasswordReader passwords) {
    this(new ClientContext(terminal, System.getenv(), passwords));
  }

  /** With the environment {@code identity info} and {@code identity ls} connect from. */
  public IdentityCommand(ClientContext context) {
    this.context = context;
    this.terminal = context.terminal();
    this.passwords = context.passwords();
  }

  /** What the server subcommands ({@code info}, {@code ls}) connect with. */
  ClientContext clientContext() {
    return context;
  }

  @Override
  public Integer call() {
    if (argument == null) {
      ApiKey key = ApiKey.generate(new SecureRandom());
      if (json) {
        terminal.out().println(GoJson.compact(GoJson.object().put("api_key", key.reveal()).put("identity", key.identity().value())));
      } else if (terminal.stdoutTty()) {
        terminal.out().print(NewIdentityCommand.banner(key, null, null));
      } else {
        terminal.out().print(key.reveal());
      }
      return 0;
    }
    try {
      String result;
      String field;
      if (looksLikeApiKey(argument)) {
        result = ApiKey.parse(argument).identity().value();
        field = "identity";
      } else {
        Pem.IdentityOrApiKey found = Pem.readIdentityOrApiKey(Files.readAllBytes(Path.of(argument)));
        switch (found) {
          case Pem.IdentityOrApiKey.OfCertificate c -> {
            result = c.identity().value();
            field = "identity";
          }
          case Pem.IdentityOrApiKey.OfPrivateKey k -> {
            result = k.apiKey().reveal();
            field = "api_key";
          }
        }
      }
      if (json) {
        terminal.out().println(GoJson.compact(GoJson.object().put(field, result)));
      } else if (terminal.stdoutTty()) {
        terminal.out().println(result);
      } else {
        terminal.out().print(result);
      }
      return 0;
    } catch (InvalidApiKeyException e) {
      return fail(e.getMessage());
    } catch (KeyMaterialException e) {
      return fail("'" + argument + "': " + e.getMessage());
    } catch (NoSuchFileException e) {
      return fail("'" + argument + "' is neither an API key nor an existing file");
    } catch (IOException e) {
      return fail("cannot read '" + argument + "': " + e.getMessage());
    }
  }

  /**
   * Real KES tries the argument as an API key first, so a bare base64 key works too. An
   * argument that is neither a parsable key nor a file is reported as a missing file.
   */
  private static boolean looksLikeApiKey(String s) {
    return s.startsWith(ApiKey.PREFIX) || (!Files.exists(Path.of(s)) && isParsable(s));
  }

  private static boolean isParsable(String s) {
    try {
      ApiKey.parse(s);
      return true;
    } catch (InvalidApiKeyException e) {
      return false;
    }
  }

  /** The terminal the subcommands write to (tests inject one through this command). */
  Terminal terminalForSubcommands() {
    return terminal;
  }

  /** The password prompt the subcommands use. */
  PasswordReader passwords() {
    return passwords;
  }

  private int fail(String message) {
    terminal.err().println("Error: " + message);
    return 1;
  }

  /** The identity of an API key or of the first certificate in a PEM file. */
  static Identity identityOf(String apiKeyOrFile) throws InvalidApiKeyException, KeyMaterialException, IOException {
    if (apiKeyOrFile.startsWith(ApiKey.PREFIX)) {
      return ApiKey.parse(apiKeyOrFile).identity();
    }
    return Identity.ofCertificate(Pem.readCertificates(Files.readAllBytes(Path.of(apiKeyOrFile))).get(0));
  }
}
