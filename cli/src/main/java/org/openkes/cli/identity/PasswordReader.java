package org.openkes.cli.identity;

import java.io.Console;

/** Reads a password without echo; injectable so tests need no terminal. */
@FunctionalInterface
public interface PasswordReader {
  /** The password typed after {@code prompt}, or null if there is no terminal to ask on. */
  char[] read(String prompt);

  /** Asks on the process's console. */
  static PasswordReader console() {
    return prompt -> {
      Console c = System.console();
      return c == null ? null : c.readPassword("%s", prompt);
    };
  }
}
