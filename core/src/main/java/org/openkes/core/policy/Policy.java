package org.openkes.core.policy;

import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A KES policy (kes-compat.md §2.5): allow and deny patterns over the decoded URL path of a
 * request. Deny wins; an empty policy allows nothing. Immutable.
 *
 * @param name the policy name
 * @param allow the allow patterns (a set: duplicates collapse)
 * @param deny the deny patterns
 */
public record Policy(String name, SortedSet<String> allow, SortedSet<String> deny) {
  public Policy {
    Objects.requireNonNull(name, "name");
    allow = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(allow));
    deny = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(deny));
  }

  public static Policy of(String name, Set<String> allow, Set<String> deny) {
    return new Policy(name, new TreeSet<>(allow), new TreeSet<>(deny));
  }

  /** Whether a request for {@code path} is allowed: no deny pattern matches and an allow does. */
  public boolean allows(String path) {
    for (String p : deny) {
      if (matches(p, path)) {
        return false;
      }
    }
    for (String p : allow) {
      if (matches(p, path)) {
        return true;
      }
    }
    return false;
  }

  /**
   * KES v0.24 pattern matching: only a single trailing {@code *} is special and matches any
   * suffix, including {@code /} and the empty string; anything else must be equal. An empty
   * pattern matches nothing.
   */
  public static boolean matches(String pattern, String path) {
    if (pattern.isEmpty()) {
      return false;
    }
    if (pattern.charAt(pattern.length() - 1) == '*') {
      return path.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    return pattern.equals(path);
  }
}
