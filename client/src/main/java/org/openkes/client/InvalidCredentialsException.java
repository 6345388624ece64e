package org.openkes.client;

/**
 * A certificate or private key file cannot be used: missing, unreadable, malformed, encrypted
 * without a password, or the key does not match the certificate. The message names the file.
 */
public final class InvalidCredentialsException extends Exception {
  private static final long serialVersionUID = 1L;

  InvalidCredentialsException(String message, Throwable cause) {
    super(message, cause);
  }
}
