package org.openkes.cli;

import java.io.PrintStream;

/**
 * What the CLI knows about where its output goes. The {@code ./kes} launcher tells the JVM
 * whether stdout and stderr are terminals ({@code -Dkes.stdout.tty}, {@code -Dkes.stderr.tty});
 * run any other way, a console counts as a terminal.
 *
 * @param stdoutTty stdout is a terminal
 * @param stderrTty stderr is a terminal
 * @param out standard output
 * @param err standard error
 */
public record Terminal(boolean stdoutTty, boolean stderrTty, PrintStream out, PrintStream err) {
  /** The process's own terminal state. */
  public static Terminal system() {
    boolean console = System.console() != null;
    return new Terminal(
        flag("kes.stdout.tty", console), flag("kes.stderr.tty", console), System.out, System.err);
  }

  private static boolean flag(String name, boolean fallback) {
    String v = System.getProperty(name);
    return v == null ? fallback : Boolean.parseBoolean(v);
  }

  /** Real KES's "terminal mode": stdout or stderr is a terminal (kes-compat.md §8.1). */
  public boolean terminalMode() {
    return stdoutTty || stderrTty;
  }

  /** Colours only when writing to a terminal and NO_COLOR is not set. */
  public boolean colors() {
    return stderrTty && System.getenv("NO_COLOR") == null;
  }
}
