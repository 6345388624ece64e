package org.openkes.cli.client;

import java.util.List;
import java.util.Optional;
import org.openkes.cli.Terminal;
import org.openkes.client.ClientEnvironment;
import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import org.openkes.client.Page;
import org.openkes.core.identity.Identity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kes ls [PREFIX]}: keys, identities ({@code -i}) or policies ({@code -p}) whose names
 * start with the prefix. The only command with {@code -s} and {@code -a}, which take precedence
 * over the environment (kes-compat.md §8.2).
 */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    description = {
      "List keys, identities or policies on a KES server whose names start with PREFIX.",
      "",
      "The server comes from -s, else MINIO_KES_SERVER, KES_SERVER or MINIO_KMS_KES_ENDPOINT",
      "(default 127.0.0.1:7373; comma-separated for several). Credentials: -a, else",
      "MINIO_KES_API_KEY, KES_API_KEY or MINIO_KMS_KES_API_KEY; or a certificate and its private",
      "key: KES_CLIENT_CERT and KES_CLIENT_KEY (or MINIO_KES_CERT_FILE and MINIO_KES_KEY_FILE).",
    },
    footer = {
      "",
      "Examples:",
      "  kes ls                                     all keys",
      "  kes ls -k -s 127.0.0.1:7373 -a \"$API_KEY\" my-",
      "  kes ls -p                                  policies",
      "  kes ls -i --json                           identities as a JSON array",
    })
public final class LsCommand extends TopLevelCall {
  @Parameters(arity = "0..*", paramLabel = "PREFIX")
  List<String> prefix = List.of();

  @Option(names = {"-a", "--api-key"}, paramLabel = "KEY", description = "The API key to authenticate with.")
  String apiKey;

  @Option(names = {"-s", "--server"}, paramLabel = "HOST[:PORT]", description = "The server(s) to talk to.")
  String server;

  @Option(names = {"-i", "--identity"}, description = "List identities.")
  boolean identities;

  @Option(names = {"-p", "--policy"}, description = "List policies.")
  boolean policies;

  @Option(names = "--json", description = "Print one JSON array (null when empty).")
  boolean json;


  public LsCommand() {
    this(ClientContext.system());
  }

  public LsCommand(ClientContext context) {
    super(context);
  }

  @Override
  protected Optional<String> usageError() {
    if (identities && policies) {
      return Optional.of("'-p / --policy' and '-i / --identity' must not be used at the same time");
    }
    return prefix.size() > 1 ? Optional.of("too many arguments. See 'kes ls --help'") : Optional.empty();
  }

  @Override
  protected ClientEnvironment.Flags flags() {
    return new ClientEnvironment.Flags(Optional.ofNullable(server), Optional.ofNullable(apiKey), connection.insecure());
  }

  @Override
  protected void run(KesClient kes, Terminal t) throws CommandFailure {
    String p = prefix.isEmpty() ? "" : prefix.get(0);
    try {
      if (identities) {
        NameList.print(t, "Identity", NameList.all(x -> {
          Page<Identity> page = kes.listIdentities(x);
          return new Page<>(page.items().stream().map(Identity::value).toList(), page.continueAt());
        }, p), json);
      } else if (policies) {
        NameList.print(t, "Policy", NameList.all(kes::listPolicies, p), json);
      } else {
        NameList.print(t, "Key", NameList.all(kes::listKeys, p), json);
      }
    } catch (KesException e) {
      throw Failures.of("failed to list " + (identities ? "identities" : policies ? "policies" : "keys"), null, e);
    }
  }
}
