package org.openkes.cli.key;

import org.openkes.cli.Terminal;
import org.openkes.cli.client.CommandFailure;
import org.openkes.cli.client.Failures;
import org.openkes.client.Dek;
import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kes key dek <name> [<context>]}: a new data encryption key and its ciphertext. */
@Command(
    name = "dek",
    mixinStandardHelpOptions = true,
    description = "Generate a data encryption key: its plaintext and its ciphertext under the key.",
    footer = {"", "Examples:", "  kes key dek my-key", "  kes key dek my-key \"$(printf bucket/object | base64)\""})
final class DekCommand extends KeyCall {
  @Parameters(index = "0", arity = "0..1", paramLabel = "<name>")
  String name;

  @Parameters(index = "1", arity = "0..1", paramLabel = "<context>")
  String context;

  @Option(names = "--json", description = "Print {\"plaintext\":...,\"ciphertext\":...} even on a terminal.")
  boolean json;

  @Override
  protected Optional<String> usageError() {
    return name == null ? Optional.of("no key name specified. See 'kes key dek --help'") : Optional.empty();
  }

  @Override
  protected void run(KesClient kes, Terminal t) throws CommandFailure {
    byte[] ctx = context == null ? new byte[0] : DecryptCommand.base64("context", context);
    Dek dek;
    try {
      dek = kes.generateKey(name, ctx);
    } catch (KesException e) {
      throw Failures.of("failed to derive key from \"" + name + "\"", "key \"" + name + "\"", e);
    }
    CryptoOutput.print(t, json, "plaintext", dek.plaintext(), "ciphertext", dek.ciphertext());
  }
}
