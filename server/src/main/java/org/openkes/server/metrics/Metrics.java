package org.openkes.server.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * KES's Prometheus metrics (kes-compat.md §7.1): exactly its fourteen families, with its names,
 * HELP texts and histogram buckets, in the text exposition format 0.0.4. Written by hand: the
 * families are few and fixed, and a dedicated registry of a metrics library would add nothing
 * but a dependency.
 *
 * <p>Kept across SIGHUP reloads, as in KES.
 */
public final class Metrics {
  /**
   * What {@code /v1/metrics} answers with: real KES's text format as its Prometheus library
   * (common v0.50) names it, with the default name escaping {@code values} (our names need none).
   */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8; escaping=values";

  private static final double[] BUCKETS = {0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 1.5, 3.0, 5.0, 10.0};

  private final Map<Integer, LongAdder> success = new ConcurrentHashMap<>();
  private final Map<Integer, LongAdder> error = new ConcurrentHashMap<>();
  private final Map<Integer, LongAdder> failure = new ConcurrentHashMap<>();
  private final AtomicLong active = new AtomicLong();
  private final LongAdder[] bucketCounts = new LongAdder[BUCKETS.length];
  private final LongAdder observations = new LongAdder();
  private final LongAdder sumNanos = new LongAdder();
  private final LongAdder errorEvents = new LongAdder();
  private final LongAdder auditEvents = new LongAdder();
  private final long startNanos;
  private final LongSupplier nanoTime;

  /** @param nanoTime the clock of the up time (System::nanoTime outside tests) */
  public Metrics(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
    for (int i = 0; i < bucketCounts.length; i++) {
      bucketCounts[i] = new LongAdder();
    }
  }

  /** A counted request starts ({@code kes_http_request_active}). */
  public void requestStarted() {
    active.incrementAndGet();
  }

  /** A counted request ended with {@code status} after {@code elapsed}. */
  public void requestFinished(int status, Duration elapsed) {
    active.decrementAndGet();
    Map<Integer, LongAdder> family =
        status >= 500 ? failure : status >= 400 ? error : status >= 200 && status < 300 ? success : null;
    if (family != null) {
      family.computeIfAbsent(status, s -> new LongAdder()).increment();
    }
    double seconds = elapsed.toNanos() / 1e9;
    for (int i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]) {
        bucketCounts[i].increment();
      }
    }
    observations.increment();
    sumNanos.add(elapsed.toNanos());
  }

  public void errorEventDelivered() {
    errorEvents.increment();
  }

  public void auditEventDelivered() {
    auditEvents.increment();
  }

  /** The exposition, families sorted by name as Go's registry emits them. */
  public String render() {
    Runtime rt = Runtime.getRuntime();
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    StringBuilder sb = new StringBuilder(4096);
    gauge(sb, "kes_http_request_active", "Number of active requests that are not finished, yet.",
        active.get());
    labelled(sb, "kes_http_request_error",
        "Number of request that failed due to some error. (HTTP 4xx status code)", error);
    labelled(sb, "kes_http_request_failure",
        "Number of request that failed due to some internal failure. (HTTP 5xx status code)",
        failure);
    labelled(sb, "kes_http_request_success",
        "Number of requests that have been served successfully.", success);
    histogram(sb);
    counter(sb, "kes_log_audit_events",
        "Number of audit log events written to the audit log targets.", auditEvents.sum());
    counter(sb, "kes_log_error_events",
        "Number of error log events written to the error log targets.", errorEvents.sum());
    // Java has no count of heap objects; 0 says "unknown" rather than a made-up number.
    gauge(sb, "kes_system_mem_heap_objects",
        "The number of objects that are currently allocated on the heap memory.", 0);
    gauge(sb, "kes_system_mem_heap_used",
        "The number of bytes that are currently allocated on the heap memory.",
        mem.getHeapMemoryUsage().getUsed());
    gauge(sb, "kes_system_mem_stack_used", "The bytes of stack memory obtained from the OS.",
        stackBytes());
    gauge(sb, "kes_system_num_cpu",
        "The number of logical CPUs available on the system. It may be larger than the number of"
            + " usable CPUs.", systemCpus());
    gauge(sb, "kes_system_num_cpu_used",
        "The number of logical CPUs usable by the server. It may be smaller than the number of"
            + " available CPUs.", rt.availableProcessors());
    gauge(sb, "kes_system_num_threads",
        "The number of concurrent co-routines/threads that currently exists.",
        ManagementFactory.getThreadMXBean().getThreadCount());
    long upNanos = nanoTime.getAsLong() - startNanos;
    double up = (upNanos / 10_000_000L) / 100.0; // truncated to 10 ms, as KES
    gauge(sb, "kes_system_up_time", "The time the server has been up and running in seconds.", up);
    return sb.toString();
  }

  /**
   * The CPUs on the system, as far as the JVM can see them. Not the OperatingSystemMXBean's
   * count (the same number): looking that bean up loads every platform MXBean provider, Flight
   * Recorder's included, and made the first {@code /v1/status} of a fresh server slow.
   */
  public static int systemCpus() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * The closest thing Java has to Go's {@code StackSys}: the non-heap memory in use (code cache,
   * metaspace, thread structures). Best effort; see docs/compatibility.md.
   */
  public static long stackBytes() {
    return ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed();
  }

  private static void header(StringBuilder sb, String name, String help, String type) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
    sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void gauge(StringBuilder sb, String name, String help, double value) {
    header(sb, name, help, "gauge");
    sb.append(name).append(' ').append(number(value)).append('\n');
  }

  private static void counter(StringBuilder sb, String name, String help, double value) {
    header(sb, name, help, "counter");
    sb.append(name).append(' ').append(number(value)).append('\n');
  }

  /** A counter vector; absent until its first observation, like Go's CounterVec. */
  private static void labelled(
      StringBuilder sb, String name, String help, Map<Integer, LongAdder> byCode) {
    if (byCode.isEmpty()) {
      return;
    }
    header(sb, name, help, "counter");
    // Go sorts series by label value as a string.
    Map<String, Long> sorted = new TreeMap<>();
    byCode.forEach((code, n) -> sorted.put(Integer.toString(code), n.sum()));
    sorted.forEach(
        (code, n) ->
            sb.append(name).append("{code=\"").append(code).append("\"} ").append(n).append('\n'));
  }

  private void histogram(StringBuilder sb) {
    String name = "kes_http_response_time";
    header(sb, name, "Histogram of request response times spawning from 10ms to 10s.", "histogram");
    long count = observations.sum();
    for (int i = 0; i < BUCKETS.length; i++) {
      sb.append(name).append("_bucket{le=\"").append(number(BUCKETS[i])).append("\"} ")
          .append(bucketCounts[i].sum()).append('\n');
    }
    sb.append(name).append("_bucket{le=\"+Inf\"} ").append(count).append('\n');
    sb.append(name).append("_sum ").append(number(sumNanos.sum() / 1e9)).append('\n');
    sb.append(name).append("_count ").append(count).append('\n');
  }

  /** Go's {@code strconv.FormatFloat(v, 'g', -1, 64)} for the values that occur here. */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e18) {
      return Long.toString((long) v);
    }
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }
}
