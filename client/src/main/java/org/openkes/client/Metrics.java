package org.openkes.client;

import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A snapshot of {@code GET /v1/metrics}, reduced to the values the Go SDK's {@code Metric}
 * holds.
 *
 * @param requestOk requests answered with 2xx (summed over status codes)
 * @param requestErr requests answered with 4xx
 * @param requestFail requests answered with 5xx
 * @param requestActive requests in flight
 * @param auditEvents audit events counted by the server
 * @param errorEvents error events counted by the server
 * @param latencyHistogram cumulative response counts by upper bound (10 ms … 10 s; no +Inf)
 * @param uptime how long the server has been running, in whole seconds
 * @param cpus logical CPUs of the host
 * @param usableCpus CPUs the server may use
 * @param threads the server's threads (goroutines for real KES)
 * @param heapAlloc heap bytes in use
 * @param heapObjects objects on the heap
 * @param stackAlloc stack bytes
 */
public record Metrics(
    long requestOk,
    long requestErr,
    long requestFail,
    long requestActive,
    long auditEvents,
    long errorEvents,
    SortedMap<Duration, Long> latencyHistogram,
    Duration uptime,
    int cpus,
    int usableCpus,
    int threads,
    long heapAlloc,
    long heapObjects,
    long stackAlloc) {
  public Metrics {
    latencyHistogram = Collections.unmodifiableSortedMap(new TreeMap<>(latencyHistogram));
    Objects.requireNonNull(uptime, "uptime");
  }

  /** All requests the server counted: {@code requestOk + requestErr + requestFail}. */
  public long requests() {
    return requestOk + requestErr + requestFail;
  }
}
