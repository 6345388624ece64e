package org.openkes.client;

import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What {@code GET /v1/identity/self/describe} reports: who the server thinks the caller is and,
 * for a non-admin, the rules of its policy. Real KES v0.24 only answers this for the admin (every
 * other caller gets {@link IdentityNotFoundException}, quirk Q4).
 *
 * @param info the caller's identity, role and policy name
 * @param allow the allow patterns of its policy; empty for the admin
 * @param deny the deny patterns of its policy
 */
public record SelfDescription(IdentityInfo info, SortedSet<String> allow, SortedSet<String> deny) {
  public SelfDescription {
    Objects.requireNonNull(info, "info");
    allow = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(allow));
    deny = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(deny));
  }
}
