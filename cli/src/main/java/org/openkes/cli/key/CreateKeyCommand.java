package org.openkes.cli.key;

import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import picocli.CommandLine.Command;

/** {@code kes key create <name>...}: one after the other, stopping at the first failure. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Create new keys; the server generates their secrets.",
    footer = {"", "Examples:", "  kes key create my-key", "  kes key create -k key-1 key-2"})
final class CreateKeyCommand extends EachKeyCall {
  CreateKeyCommand() {
    super("create", "failed to create");
  }

  @Override
  void apply(KesClient kes, String name) throws KesException {
    kes.createKey(name);
  }
}
