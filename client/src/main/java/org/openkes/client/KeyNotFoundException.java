package org.openkes.client;

/** The key does not exist. SDK: {@code ErrKeyNotFound}. */
public final class KeyNotFoundException extends ApiException {
  /** The status KES answers with. */
  public static final int STATUS = 404;

  /** The exact message KES answers with. */
  public static final String MESSAGE = "key does not exist";

  KeyNotFoundException() {
    super(STATUS, MESSAGE);
  }
}
