package org.openkes.cli.key;

import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import picocli.CommandLine.Command;

/** {@code kes key rm <name>...}: one after the other, stopping at the first failure. */
@Command(
    name = "rm",
    mixinStandardHelpOptions = true,
    description = "Delete keys. The keys' data can no longer be decrypted.",
    footer = {"", "Examples:", "  kes key rm my-key", "  kes key rm -k key-1 key-2"})
final class RemoveKeyCommand extends EachKeyCall {
  RemoveKeyCommand() {
    super("rm", "failed to remove");
  }

  @Override
  void apply(KesClient kes, String name) throws KesException {
    kes.deleteKey(name);
  }
}
