package org.openkes.cli.client;

/** A failure with its complete one-line message, printed after {@code Error: }. */
public final class CommandFailure extends Exception {
  public CommandFailure(String message) {
    super(message, null, false, false);
  }
}
