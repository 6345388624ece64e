package org.openkes.client;

/** The identity is unknown to the server or its policy does not allow the call. SDK: {@code ErrNotAllowed}. */
public final class NotAllowedException extends ApiException {
  /** The status KES answers with. */
  public static final int STATUS = 403;

  /** The exact message KES answers with. */
  public static final String MESSAGE = "not authorized: insufficient permissions";

  NotAllowedException() {
    super(STATUS, MESSAGE);
  }
}
