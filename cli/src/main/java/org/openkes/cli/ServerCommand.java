package org.openkes.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kes server}: not built yet (see the server issue); says so clearly. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Start a KES server (not available yet in this build).")
final class ServerCommand implements Callable<Integer> {
  @Option(names = "--dev", description = "Start a development server with an in-memory keystore.")
  boolean dev;

  @Option(names = "--config", paramLabel = "FILE", description = "The server config file.")
  String config;

  @Option(names = "--addr", paramLabel = "[IP]:PORT", description = "The listen address.")
  String addr;

  @Override
  public Integer call() {
    System.err.println("Error: 'kes server' is not available yet in this build;"
        + " the HTTP server is the next milestone. 'kes migrate' and 'kes --version' work.");
    return 1;
  }
}
