package org.openkes.client;

import java.time.Instant;
import java.util.Objects;
import org.openkes.core.identity.Identity;

/**
 * What {@code GET /v1/policy/describe/<name>} reports.
 *
 * @param name the policy name
 * @param createdAt real KES: the server's start time
 * @param createdBy real KES: the configured admin identity
 */
public record PolicyInfo(String name, Instant createdAt, Identity createdBy) {
  public PolicyInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
  }
}
