package org.openkes.core.keystore;

/**
 * Why a keystore operation failed. Sealed: every caller can handle each case, and the server
 * maps them to KES's statuses (exists → 400, not found → 404, unreachable → 504 on ready,
 * everything else → 502). Messages name the backend and the key, never key material.
 */
public sealed class KeyStoreException extends Exception
    permits KeyStoreException.KeyExists,
        KeyStoreException.KeyNotFound,
        KeyStoreException.Unreachable,
        KeyStoreException.Invalid,
        KeyStoreException.Failure {

  private KeyStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Create of a name that is already taken. */
  public static final class KeyExists extends KeyStoreException {
    public KeyExists(String name) {
      super("key '" + name + "' already exists", null);
    }
  }

  /** Get or delete of a name that is not there. */
  public static final class KeyNotFound extends KeyStoreException {
    public KeyNotFound(String name) {
      super("key '" + name + "' does not exist", null);
    }
  }

  /** The keystore cannot be reached at all (network, missing directory, sealed vault, ...). */
  public static final class Unreachable extends KeyStoreException {
    public Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The request is one this keystore cannot serve (e.g. a name its alphabet rejects). */
  public static final class Invalid extends KeyStoreException {
    public Invalid(String message) {
      super(message, null);
    }
  }

  /** Anything else: permission denied, I/O error, an unexpected answer from the KMS. */
  public static final class Failure extends KeyStoreException {
    public Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
