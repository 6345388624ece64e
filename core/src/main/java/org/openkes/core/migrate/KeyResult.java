package org.openkes.core.migrate;

import java.util.Objects;

/**
 * The outcome for one key, with a one-line detail for failures and conflicts (never key
 * material).
 */
public record KeyResult(String name, Outcome outcome, String detail) {
  public KeyResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(outcome, "outcome");
    detail = detail == null ? "" : detail;
  }

  static KeyResult of(String name, Outcome outcome) {
    return new KeyResult(name, outcome, "");
  }
}
