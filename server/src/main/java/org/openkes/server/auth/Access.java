package org.openkes.server.auth;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.openkes.core.config.ServerConfig;
import org.openkes.core.identity.Identity;
import org.openkes.core.policy.Policy;

/**
 * Who may do what (kes-compat.md §2.3–2.5): the admin identity and the static policies with
 * their identity assignments. Immutable; replaced as a whole on SIGHUP.
 *
 * <p>Identities are compared in constant time: every assignment is compared on every lookup,
 * and each comparison does not stop at the first differing byte.
 */
public final class Access {
  private final Identity admin;
  private final SortedMap<String, Policy> policies;
  private final List<Assignment> assignments;

  /** An identity assigned to a policy. */
  public record Assignment(Identity identity, Policy policy) {}

  /** The outcome of authorizing a request. */
  public sealed interface Decision {
    /** The admin, or a policy allows the path. */
    record Allowed(Identity identity) implements Decision {}

    /**
     * Refused: answer 403 {@code not authorized: insufficient permissions}.
     *
     * @param logMessage what the error log says at DEBUG
     */
    record Denied(String logMessage) implements Decision {}
  }

  private Access(Identity admin, SortedMap<String, Policy> policies, List<Assignment> assignments) {
    this.admin = admin;
    this.policies = policies;
    this.assignments = assignments;
  }

  /**
   * From the config. Names and assignments were validated by the config loader (§2.5).
   *
   * @param admin the admin identity (any string; one that is not an identity disables the admin)
   * @param config policies by name
   */
  public static Access of(Identity admin, Map<String, ServerConfig.Policy> config) {
    Objects.requireNonNull(admin, "admin");
    SortedMap<String, Policy> policies = new TreeMap<>();
    Map<String, Assignment> byIdentity = new LinkedHashMap<>();
    for (Map.Entry<String, ServerConfig.Policy> e : config.entrySet()) {
      ServerConfig.Policy p = e.getValue();
      Policy policy =
          Policy.of(e.getKey(), new java.util.LinkedHashSet<>(p.allow()),
              new java.util.LinkedHashSet<>(p.deny()));
      policies.put(e.getKey(), policy);
      for (String id : p.identities()) {
        if (byIdentity.putIfAbsent(id, new Assignment(Identity.of(id), policy)) != null) {
          throw new IllegalArgumentException(
              "kes: cannot assign policy '" + e.getKey() + "' to '" + id
                  + "': identity already has a policy");
        }
      }
    }
    return new Access(admin, policies, List.copyOf(byIdentity.values()));
  }

  public Identity admin() {
    return admin;
  }

  public boolean isAdmin(Identity identity) {
    return admin.constantTimeEquals(identity);
  }

  /** Policies by name, sorted. */
  public SortedMap<String, Policy> policies() {
    return policies;
  }

  /** Every identity assigned to a policy (not the admin). */
  public List<Identity> assignedIdentities() {
    List<Identity> ids = new ArrayList<>(assignments.size());
    for (Assignment a : assignments) {
      ids.add(a.identity());
    }
    return ids;
  }

  /** The policy assigned to {@code identity}, looked up in constant time per assignment. */
  public Optional<Policy> policyOf(Identity identity) {
    byte[] wanted = identity.value().getBytes(StandardCharsets.UTF_8);
    Policy found = null;
    for (Assignment a : assignments) {
      boolean eq = MessageDigest.isEqual(wanted, a.identity().value().getBytes(StandardCharsets.UTF_8));
      if (eq && found == null) {
        found = a.policy();
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * KES's {@code verifyIdentity} after the identity is known: the admin passes; otherwise the
   * identity's policy must allow {@code path} (the decoded URL path).
   */
  public Decision authorize(Identity identity, String path) {
    if (isAdmin(identity)) {
      return new Decision.Allowed(identity);
    }
    Optional<Policy> policy = policyOf(identity);
    if (policy.isEmpty()) {
      return new Decision.Denied("access denied: identity not found");
    }
    if (!policy.get().allows(path)) {
      return new Decision.Denied(
          "access denied: rejected by policy '" + policy.get().name() + "'");
    }
    return new Decision.Allowed(identity);
  }
}
