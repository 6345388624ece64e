package org.openkes.client;

/** The identity is neither the admin nor assigned to a policy; real KES v0.24 also answers this to every non-admin self-describe (quirk Q4). SDK: {@code ErrIdentityNotFound}. */
public final class IdentityNotFoundException extends ApiException {
  /** The status KES answers with. */
  public static final int STATUS = 404;

  /** The exact message KES answers with. */
  public static final String MESSAGE = "identity does not exist";

  IdentityNotFoundException() {
    super(STATUS, MESSAGE);
  }
}
