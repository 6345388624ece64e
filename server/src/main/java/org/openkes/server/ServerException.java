package org.openkes.server;

/** The server cannot start or reload; the message is one line for {@code Error: <message>}. */
public final class ServerException extends Exception {
  public ServerException(String message) {
    super(message);
  }

  public ServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
