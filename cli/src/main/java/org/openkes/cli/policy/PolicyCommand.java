package org.openkes.cli.policy;

import java.util.concurrent.Callable;
import org.openkes.cli.client.ClientContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kes policy}: inspect the server's policies (they are defined in its config file). */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Inspect the policies of a KES server.",
    subcommands = {PolicyInfoCommand.class, ListPoliciesCommand.class, ShowPolicyCommand.class},
    footer = {"", "Examples:", "  kes policy ls", "  kes policy info my-app", "  kes policy show my-app"})
public final class PolicyCommand implements Callable<Integer> {
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
