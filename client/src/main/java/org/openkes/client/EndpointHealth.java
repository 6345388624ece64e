package org.openkes.client;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Whether an endpoint is parked after a failure, as the SDK keeps it: a failing endpoint is
 * skipped for 30 s; after that, exactly one request may probe it, and its outcome either clears
 * the endpoint or parks it again from then.
 */
final class EndpointHealth {
  /** How long a failed endpoint is skipped. */
  static final Duration PARK_TIME = Duration.ofSeconds(30);

  /** What {@link #check()} decided for one request. */
  record Verdict(boolean skip, boolean probe) {}

  private final Endpoint endpoint;
  private final Locality locality;
  private final InstantSource clock;
  private Instant parkedAt; // null: healthy
  private boolean probing;

  EndpointHealth(Endpoint endpoint, Locality locality, InstantSource clock) {
    this.endpoint = endpoint;
    this.locality = locality;
    this.clock = clock;
  }

  Endpoint endpoint() {
    return endpoint;
  }

  Locality locality() {
    return locality;
  }

  /** Whether to skip this endpoint, or to send this request as the probe. */
  synchronized Verdict check() {
    if (parkedAt == null) {
      return new Verdict(false, false);
    }
    if (Duration.between(parkedAt, clock.instant()).compareTo(PARK_TIME) < 0) {
      return new Verdict(true, false);
    }
    if (!probing) {
      probing = true;
      return new Verdict(false, true);
    }
    return new Verdict(true, false); // someone else is probing
  }

  /** Records a failure. A failed probe parks it again from now. */
  synchronized void failed(boolean asProbe) {
    if (parkedAt == null) {
      parkedAt = clock.instant();
    }
    if (asProbe) {
      probing = false;
      parkedAt = clock.instant();
    }
  }

  /** Records a success after a probe or a last-resort attempt. */
  synchronized void recovered() {
    parkedAt = null;
    probing = false;
  }

  /** Whether the endpoint is parked now (for callers that want to show it). */
  synchronized boolean isParked() {
    return parkedAt != null && Duration.between(parkedAt, clock.instant()).compareTo(PARK_TIME) < 0;
  }
}
