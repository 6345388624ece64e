package org.openkes.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.openkes.core.identity.Identity;

/**
 * One event of {@code /v1/log/audit}.
 *
 * <p>{@code response.time} is read as milliseconds, which is what KES writes (kes-compat.md
 * §7.3); the Go SDK reads nanoseconds and so shows e.g. {@code 1ns}.
 *
 * @param time when the server received the request
 * @param path the API path, with its argument
 * @param clientIp the client's IP address as the server saw it; empty if not sent
 * @param identity the caller; unknown if not sent
 * @param status the response status
 * @param responseTime how long the server took
 */
public record AuditEvent(
    Instant time, String path, String clientIp, Identity identity, int status, Duration responseTime) {
  public AuditEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(clientIp, "clientIp");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(responseTime, "responseTime");
  }
}
