package org.openkes.client;

import java.time.Instant;
import java.util.Objects;
import org.openkes.core.identity.Identity;
import org.openkes.core.policy.Policy;

/**
 * What {@code GET /v1/policy/read/<name>} reports: the rules, usable with {@link
 * Policy#allows(String)} to predict the server's verdict, and when and by whom the policy was
 * created.
 *
 * @param policy the name and the allow and deny patterns
 * @param createdAt real KES: the server's start time
 * @param createdBy real KES: the configured admin identity
 */
public record PolicyDetails(Policy policy, Instant createdAt, Identity createdBy) {
  public PolicyDetails {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
  }

  public String name() {
    return policy.name();
  }
}
