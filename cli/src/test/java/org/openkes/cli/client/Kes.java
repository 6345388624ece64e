package org.openkes.cli.client;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.openkes.cli.KesCommand;
import org.openkes.cli.Terminal;

/**
 * Runs the whole {@code kes} command tree in-process with an injected environment and terminal.
 *
 * @param env the environment variables the command sees
 * @param tty whether stdout and stderr count as terminals
 */
record Kes(Map<String, String> env, boolean tty) {
  /** What one run printed and returned. */
  record Result(int rc, String out, String err) {}

  static Kes piped(Map<String, String> env) {
    return new Kes(env, false);
  }

  static Kes terminal(Map<String, String> env) {
    return new Kes(env, true);
  }

  Result run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    Terminal t = new Terminal(tty, tty, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    // A password prompt that fails the test's expectations loudly: no test key is encrypted.
    ClientContext ctx = new ClientContext(t, env, prompt -> null);
    int rc = KesCommand.commandLine(ctx).execute(args);
    return new Result(rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }
}
