package org.openkes.cli;

import org.openkes.cli.client.ClientContext;

/** Entry point of the kes command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // picocli's default factory looks for Groovy's Closure class once; the failed lookup opened
    // every jar of the distribution (about 30 ms of each start). We have no Groovy.
    System.setProperty("picocli.disable.closures", "true");
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (0 ok, 1 error, 2 usage). */
  public static int run(String... args) {
    return KesCommand.commandLineFor(ClientContext.system(), args).execute(args);
  }
}
