package org.openkes.client;

import java.util.Objects;

/**
 * One event of {@code /v1/log/error}.
 *
 * @param message the logged line
 */
public record ErrorEvent(String message) {
  public ErrorEvent {
    Objects.requireNonNull(message, "message");
  }
}
