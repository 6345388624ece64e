package org.openkes.cli.client;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.openkes.cli.KesCommand;
import org.openkes.cli.Terminal;
import org.openkes.cli.identity.PasswordReader;

/**
 * Runs the whole {@code kes} command tree in-process with an injected environment and terminal.
 *
 * @param env the environment variables the command sees
 * @param tty whether stdout and stderr count as terminals
 * @param passwords answers the private key password prompt
 */
record Kes(Map<String, String> env, boolean tty, PasswordReader passwords) {
  /** What one run printed and returned. */
  record Result(int rc, String out, String err) {}

  static Kes piped(Map<String, String> env) {
    return new Kes(env, false, noTerminal());
  }

  static Kes terminal(Map<String, String> env) {
    return new Kes(env, true, noTerminal());
  }

  /** Like a run without a terminal to ask for a password on. */
  private static PasswordReader noTerminal() {
    return prompt -> null;
  }

  Kes withPassword(String password) {
    return new Kes(env, tty, prompt -> password.toCharArray());
  }

  Result run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    Terminal t = new Terminal(tty, tty, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    ClientContext ctx = new ClientContext(t, env, passwords);
    int rc = KesCommand.commandLine(ctx).execute(args);
    return new Result(rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }
}
