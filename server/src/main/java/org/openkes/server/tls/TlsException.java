package org.openkes.server.tls;

/** TLS material cannot be loaded; the message is one line in KES's words. */
public final class TlsException extends Exception {
  public TlsException(String message) {
    super(message);
  }

  public TlsException(String message, Throwable cause) {
    super(message, cause);
  }
}
