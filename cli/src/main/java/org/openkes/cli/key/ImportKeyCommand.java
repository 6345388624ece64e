package org.openkes.cli.key;

import java.util.Base64;
import java.util.Optional;
import org.openkes.cli.Terminal;
import org.openkes.cli.client.CommandFailure;
import org.openkes.cli.client.Failures;
import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import org.openkes.core.crypto.KeyType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kes key import <name> <base64-key>}: always as AES256, as real KES. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Import a 256-bit key (base64) as an AES256 key.",
    footer = {"", "Examples:", "  kes key import my-key \"$(head -c 32 /dev/urandom | base64)\""})
final class ImportKeyCommand extends KeyCall {
  @Parameters(index = "0", arity = "0..1", paramLabel = "<name>")
  String name;

  @Parameters(index = "1", arity = "0..1", paramLabel = "<base64-key>")
  String key;

  @Override
  protected Optional<String> usageError() {
    if (name == null) {
      return Optional.of("no key name specified. See 'kes key import --help'");
    }
    return key == null ? Optional.of("no key specified. See 'kes key import --help'") : Optional.empty();
  }

  @Override
  protected void run(KesClient kes, Terminal t) throws CommandFailure {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(key);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure("invalid key: " + e.getMessage() + ". See 'kes key import --help'");
    }
    try {
      kes.importKey(name, KeyType.AES256, bytes);
    } catch (KesException e) {
      throw Failures.of("failed to import \"" + name + "\"", "key \"" + name + "\"", e);
    }
  }
}
