package org.openkes.client;

import java.time.Instant;
import java.util.Objects;
import org.openkes.core.identity.Identity;

/**
 * What {@code GET /v1/identity/describe/<identity>} reports.
 *
 * @param identity the identity described
 * @param admin whether it is the server's admin
 * @param policy the name of its policy; empty for the admin
 * @param createdAt real KES: the server's start time
 * @param createdBy real KES: the admin identity for policy identities, unknown for the admin
 */
public record IdentityInfo(
    Identity identity, boolean admin, String policy, Instant createdAt, Identity createdBy) {
  public IdentityInfo {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
  }
}
