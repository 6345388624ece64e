package org.openkes.cli.key;

import java.util.concurrent.Callable;
import org.openkes.cli.client.ClientContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kes key}: manage and use master keys on a KES server (kes-compat.md §8.3). */
@Command(
    name = "key",
    mixinStandardHelpOptions = true,
    description = "Manage cryptographic keys on a KES server.",
    subcommands = {CreateKeyCommand.class, ImportKeyCommand.class, KeyInfoCommand.class,
      ListKeysCommand.class, RemoveKeyCommand.class, EncryptCommand.class, DecryptCommand.class,
      DekCommand.class},
    footer = {
      "",
      "Server and credentials come from KES_SERVER and KES_API_KEY (or KES_CLIENT_CERT and",
      "KES_CLIENT_KEY); see 'kes ls --help'.",
      "",
      "Examples:",
      "  kes key create my-key",
      "  kes key ls",
      "  kes key dek my-key",
    })
public final class KeyCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  final ClientContext context;

  public KeyCommand() {
    this(ClientContext.system());
  }

  public KeyCommand(ClientContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing key command");
  }
}
