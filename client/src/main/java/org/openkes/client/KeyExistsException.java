package org.openkes.client;

/** A key of that name already exists (create, import). SDK: {@code ErrKeyExists}. */
public final class KeyExistsException extends ApiException {
  /** The status KES answers with. */
  public static final int STATUS = 400;

  /** The exact message KES answers with. */
  public static final String MESSAGE = "key already exists";

  KeyExistsException() {
    super(STATUS, MESSAGE);
  }
}
