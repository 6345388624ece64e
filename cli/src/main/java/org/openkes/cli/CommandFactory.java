package org.openkes.cli;

import org.openkes.cli.client.ClientContext;
import org.openkes.cli.client.LogCommand;
import org.openkes.cli.client.LsCommand;
import org.openkes.cli.client.StatusCommand;
import org.openkes.cli.identity.IdentityCommand;
import org.openkes.cli.key.KeyCommand;
import org.openkes.cli.metric.MetricCommand;
import org.openkes.cli.policy.PolicyCommand;
import picocli.CommandLine;

/**
 * Creates the commands that talk to a server (and {@code kes server}) with one {@link
 * ClientContext}, so that a test can run the whole {@code kes} tree against its own terminal and
 * environment. Every other class is
 * created as picocli always does.
 *
 * @param context the terminal, environment and password prompt of this run
 */
record CommandFactory(ClientContext context) implements CommandLine.IFactory {
  @Override
  public <K> K create(Class<K> cls) throws Exception {
    Object command = null;
    if (cls == ServerCommand.class) {
      command = new ServerCommand(context.terminal());
    } else if (cls == KeyCommand.class) {
      command = new KeyCommand(context);
    } else if (cls == LsCommand.class) {
      command = new LsCommand(context);
    } else if (cls == StatusCommand.class) {
      command = new StatusCommand(context);
    } else if (cls == PolicyCommand.class) {
      command = new PolicyCommand(context);
    } else if (cls == LogCommand.class) {
      command = new LogCommand(context);
    } else if (cls == MetricCommand.class) {
      command = new MetricCommand(context);
    } else if (cls == IdentityCommand.class) {
      command = new IdentityCommand(context);
    }
    return command != null ? cls.cast(command) : CommandLine.defaultFactory().create(cls);
  }
}
