package org.openkes.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.openkes.cli.server.ServerRunner;
import org.openkes.server.api.ApiContext.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code kes server [--addr <[ip]:port>] [--config <file>] [--dev]}. The arguments are parsed by
 * {@link org.openkes.cli.server.ServerFlags} with real KES's flag rules, messages and exit codes
 * rather than by picocli, so that scripts written for KES see the same behaviour.
 */
@Command(
    name = "server",
    description = "Start a KES server (--config FILE, or --dev for a development server).")
final class ServerCommand implements Callable<Integer> {
  @Unmatched List<String> args = new ArrayList<>();

  private final Terminal terminal;

  ServerCommand() {
    this(Terminal.system());
  }

  /** Writing its banner, usage and errors to this terminal. */
  ServerCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    return new ServerRunner(terminal.out(), terminal.err(),
        new BuildInfo(KesCommand.version(), "<unknown>")).run(args);
  }
}
