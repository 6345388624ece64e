package org.openkes.cli.key;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.openkes.cli.Terminal;
import org.openkes.cli.client.CommandFailure;
import org.openkes.cli.client.Failures;
import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kes key encrypt <name> <message>}: the argument's bytes, without context. */
@Command(
    name = "encrypt",
    mixinStandardHelpOptions = true,
    description = "Encrypt a message (the argument's UTF-8 bytes) with a key.",
    footer = {"", "Examples:", "  kes key encrypt my-key 'Hello World'"})
final class EncryptCommand extends KeyCall {
  @Parameters(index = "0", arity = "0..1", paramLabel = "<name>")
  String name;

  @Parameters(index = "1", arity = "0..1", paramLabel = "<message>")
  String message;

  @Option(names = "--json", description = "Print {\"ciphertext\":...} even on a terminal.")
  boolean json;

  @Override
  protected Optional<String> usageError() {
    if (name == null) {
      return Optional.of("no key name specified. See 'kes key encrypt --help'");
    }
    return message == null ? Optional.of("no message specified. See 'kes key encrypt --help'") : Optional.empty();
  }

  @Override
  protected void run(KesClient kes, Terminal t) throws CommandFailure {
    byte[] ciphertext;
    try {
      ciphertext = kes.encrypt(name, message.getBytes(StandardCharsets.UTF_8));
    } catch (KesException e) {
      throw Failures.of("failed to encrypt with key \"" + name + "\"", "key \"" + name + "\"", e);
    }
    CryptoOutput.print(t, json, "ciphertext", ciphertext);
  }
}
