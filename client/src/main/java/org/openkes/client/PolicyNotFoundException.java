package org.openkes.client;

/** The policy does not exist. SDK: {@code ErrPolicyNotFound}. */
public final class PolicyNotFoundException extends ApiException {
  /** The status KES answers with. */
  public static final int STATUS = 404;

  /** The exact message KES answers with. */
  public static final String MESSAGE = "policy does not exist";

  PolicyNotFoundException() {
    super(STATUS, MESSAGE);
  }
}
