package org.openkes.client;

import java.util.List;
import java.util.Objects;

/**
 * One response of a list route: names and a continuation token.
 *
 * <p>The token is what the server says; real KES caps a key listing at 1,024 names and returns
 * the next name as {@code continueAt}. The API has no way to resume after a name, only to list by
 * prefix, which is why the Go SDK's iterator (resending the token as a prefix) loses keys
 * (kes-compat.md quirk Q2). This client returns the page as it is and leaves paging to callers
 * who know their names.
 *
 * @param items the names (or identities), as the server ordered them
 * @param continueAt empty when the listing is complete
 */
public record Page<T>(List<T> items, String continueAt) {
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(continueAt, "continueAt");
  }

  /** Whether the server says there is more. */
  public boolean hasMore() {
    return !continueAt.isEmpty();
  }
}
