package org.openkes.cli;

import java.util.List;
import org.openkes.cli.client.LogCommand;
import org.openkes.cli.client.LsCommand;
import org.openkes.cli.client.StatusCommand;
import org.openkes.cli.identity.IdentityCommand;
import org.openkes.cli.key.KeyCommand;
import org.openkes.cli.metric.MetricCommand;
import org.openkes.cli.migrate.MigrateCommand;
import org.openkes.cli.policy.PolicyCommand;

/**
 * The commands under {@code kes}, in the order its help lists them. The names are spelled out
 * here (and checked against the {@code @Command} annotations by a test) so that finding the one
 * command a run needs does not read any annotation.
 */
enum Subcommands {
  SERVER("server", ServerCommand.class),
  IDENTITY("identity", IdentityCommand.class),
  MIGRATE("migrate", MigrateCommand.class),
  KEY("key", KeyCommand.class),
  LS("ls", LsCommand.class),
  POLICY("policy", PolicyCommand.class),
  LOG("log", LogCommand.class),
  STATUS("status", StatusCommand.class),
  METRIC("metric", MetricCommand.class),
  UPDATE("update", UpdateCommand.class),
  COMPLETION("completion", CompletionCommand.class);

  static final List<Subcommands> ALL = List.of(values());

  final String commandName;
  final Class<?> type;

  Subcommands(String commandName, Class<?> type) {
    this.commandName = commandName;
    this.type = type;
  }

  /**
   * The one command {@code args} run, or all of them when the first argument names none ({@code
   * kes}, {@code kes --help}, a typo): then the usage or the error lists every command.
   */
  static List<Subcommands> neededFor(String... args) {
    for (Subcommands s : ALL) {
      if (args.length > 0 && s.commandName.equals(args[0])) {
        return List.of(s);
      }
    }
    return ALL;
  }
}
