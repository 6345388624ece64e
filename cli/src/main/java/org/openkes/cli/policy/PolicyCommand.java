package org.openkes.cli.policy;

import java.util.List;
import java.util.concurrent.Callable;
import org.openkes.cli.Subcommand;
import org.openkes.cli.client.ClientContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kes policy}: inspect the server's policies (they are defined in its config file). */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Inspect the policies of a KES server.",
    footer = {"", "Examples:", "  kes policy ls", "  kes policy info my-app", "  kes policy show my-app"})
public final class PolicyCommand implements Callable<Integer> {
  /** Its subcommands, in help order (built lazily, see {@link org.openkes.cli.CommandTree}). */
  public static final List<Subcommand> SUBCOMMANDS = List.of(
      Subcommand.of("info", PolicyInfoCommand.class),
      Subcommand.of("ls", ListPoliciesCommand.class),
      Subcommand.of("show", ShowPolicyCommand.class));

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  final ClientContext context;

  public PolicyCommand() {
    this(ClientContext.system());
  }

  public PolicyCommand(ClientContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing policy command");
  }
}
