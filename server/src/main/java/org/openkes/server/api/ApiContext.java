package org.openkes.server.api;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import org.openkes.server.auth.Access;
import org.openkes.server.cache.KeyCache;
import org.openkes.server.log.AuditLog;
import org.openkes.server.log.ErrorLog;
import org.openkes.server.metrics.Metrics;

/**
 * What the handlers work with: one configuration's access rules and key cache, and the server's
 * logs and metrics (which outlive reloads).
 *
 * @param startTime when the server started; policies and identities report it as their
 *     creation time, in {@code zone}
 * @param zone the server's local zone
 * @param build version and commit for {@code /version} and {@code /v1/status}
 * @param clock the time of created keys
 * @param random the source of new key material
 */
public record ApiContext(
    Instant startTime,
    ZoneId zone,
    BuildInfo build,
    Access access,
    KeyCache keys,
    ErrorLog errorLog,
    AuditLog auditLog,
    Metrics metrics,
    Clock clock,
    SecureRandom random) {

  public ApiContext {
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(errorLog, "errorLog");
    Objects.requireNonNull(auditLog, "auditLog");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
  }

  /**
   * The server's version as {@code /version} reports it.
   *
   * @param version e.g. {@code 0.1.0}
   * @param commit the VCS commit, or {@code <unknown>}
   */
  public record BuildInfo(String version, String commit) {
    public BuildInfo {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(commit, "commit");
    }
  }
}
