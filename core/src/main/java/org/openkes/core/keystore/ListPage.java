package org.openkes.core.keystore;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing: names in ascending order, and the token for the next page if there
 * may be more. The token is opaque: pass it back as {@code continueAfter}, never as a prefix
 * (real KES's SDK confuses the two and loses keys; keystores.md §1.3).
 *
 * @param names the names of this page, sorted
 * @param next the continuation token, or {@code null} on the last page
 */
public record ListPage(List<String> names, String next) {
  public ListPage {
    names = List.copyOf(names);
  }

  public static ListPage last(List<String> names) {
    return new ListPage(names, null);
  }

  /** The continuation token; empty on the last page. */
  public Optional<String> continuation() {
    return Optional.ofNullable(next);
  }
}
