package org.openkes.cli.key;

import java.util.Base64;
import java.util.Optional;
import org.openkes.cli.Terminal;
import org.openkes.cli.client.CommandFailure;
import org.openkes.cli.client.Failures;
import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kes key decrypt <name> <ciphertext> [<context>]}, all base64. */
@Command(
    name = "decrypt",
    mixinStandardHelpOptions = true,
    description = "Decrypt a base64 ciphertext (with its base64 context, if it has one).",
    footer = {"", "Examples:", "  kes key decrypt my-key \"$CIPHERTEXT\"",
      "  kes key dek my-key | jq -r .ciphertext | xargs kes key decrypt my-key"})
final class DecryptCommand extends KeyCall {
  @Parameters(index = "0", arity = "0..1", paramLabel = "<name>")
  String name;

  @Parameters(index = "1", arity = "0..1", paramLabel = "<ciphertext>")
  String ciphertext;

  @Parameters(index = "2", arity = "0..1", paramLabel = "<context>")
  String context;

  @Option(names = "--json", description = "Print {\"plaintext\":...} even on a terminal.")
  boolean json;

  @Override
  protected Optional<String> usageError() {
    if (name == null) {
      return Optional.of("no key name specified. See 'kes key decrypt --help'");
    }
    return ciphertext == null ? Optional.of("no ciphertext specified. See 'kes key decrypt --help'") : Optional.empty();
  }

  @Override
  protected void run(KesClient kes, Terminal t) throws CommandFailure {
    byte[] c = base64("ciphertext", ciphertext);
    byte[] ctx = context == null ? new byte[0] : base64("context", context);
    byte[] plaintext;
    try {
      plaintext = kes.decrypt(name, c, ctx);
    } catch (KesException e) {
      throw Failures.of("failed to decrypt with key \"" + name + "\"", "key \"" + name + "\"", e);
    }
    CryptoOutput.print(t, json, "plaintext", plaintext);
  }

  static byte[] base64(String what, String value) throws CommandFailure {
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure("invalid " + what + ": " + e.getMessage());
    }
  }
}
