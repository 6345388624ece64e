package org.openkes.cli.key;

import java.util.List;
import java.util.concurrent.Callable;
import org.openkes.cli.Subcommand;
import org.openkes.cli.client.ClientContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kes key}: manage and use master keys on a KES server (kes-compat.md §8.3). */
@Command(
    name = "key",
    mixinStandardHelpOptions = true,
    description = "Manage cryptographic keys on a KES server.",
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
  /** Its subcommands, in help order (built lazily, see {@link org.openkes.cli.CommandTree}). */
  public static final List<Subcommand> SUBCOMMANDS = List.of(
      Subcommand.of("create", CreateKeyCommand.class),
      Subcommand.of("import", ImportKeyCommand.class),
      Subcommand.of("info", KeyInfoCommand.class),
      new Subcommand("ls", List.of("list"), ListKeysCommand.class, List.of()),
      Subcommand.of("rm", RemoveKeyCommand.class),
      Subcommand.of("encrypt", EncryptCommand.class),
      Subcommand.of("decrypt", DecryptCommand.class),
      Subcommand.of("dek", DekCommand.class));

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
