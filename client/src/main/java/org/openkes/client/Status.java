package org.openkes.client;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@code GET /v1/status} reports (the SDK's {@code State}).
 *
 * <p>Two deliberate differences from the Go SDK, both so that real KES v0.24 is read as it means
 * it (kes-compat.md §1.5, quirk Q8): {@code keystore_latency} is taken as milliseconds (the SDK
 * reads nanoseconds), and a status with {@code keystore_unreachable} but without {@code
 * keystore_unavailable} is accepted (the SDK rejects it, so with an unreachable keystore it
 * reports an error instead of the status).
 *
 * @param version the server version
 * @param os e.g. {@code linux}
 * @param arch e.g. {@code amd64}
 * @param uptime how long the server has been running
 * @param cpus logical CPUs of the host
 * @param usableCpus CPUs the server may use
 * @param heapUsed bytes of heap in use
 * @param stackUsed bytes of stack memory
 * @param keystoreLatency the latency of the keystore status check; zero when unreachable
 * @param keystoreReachable false when the keystore status check failed or the cache is offline
 * @param keystoreAvailable false when the server says {@code keystore_unavailable} (KES never
 *     does)
 */
public record Status(
    String version,
    String os,
    String arch,
    Duration uptime,
    int cpus,
    int usableCpus,
    long heapUsed,
    long stackUsed,
    Duration keystoreLatency,
    boolean keystoreReachable,
    boolean keystoreAvailable) {
  public Status {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(uptime, "uptime");
    Objects.requireNonNull(keystoreLatency, "keystoreLatency");
  }
}
