package org.openkes.server.api;

/** How a route authenticates its callers (kes-compat.md §2.3). */
public enum Auth {
  /** Identify the caller; the admin or a policy that allows the path may pass (V). */
  VERIFY,
  /** Identify the caller if a certificate was sent; nobody is refused (I, {@code skip_auth}). */
  IDENTIFY,
  /** No identity at all ({@code /version}) (N). */
  NONE
}
