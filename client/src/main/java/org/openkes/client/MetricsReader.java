package org.openkes.client;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a {@code /v1/metrics} exposition into {@link Metrics} by the SDK's rules: the three
 * request counters are summed over their {@code code} labels; every other known family must hold
 * exactly one metric; unknown families are ignored; a family without samples is an error. Unlike
 * the SDK, a known family of another type is an error too (the SDK silently skips it).
 */
final class MetricsReader {
  private MetricsReader() {}

  static Metrics read(String text, String source) throws ResponseFormatException {
    Map<String, PrometheusText.Family> families = PrometheusText.parse(text, source);
    long ok = 0, err = 0, fail = 0, active = 0, audit = 0, error = 0;
    long heap = 0, objects = 0, stack = 0;
    int cpus = 0, usable = 0, threads = 0;
    Duration uptime = Duration.ZERO;
    TreeMap<Duration, Long> histogram = new TreeMap<>();
    for (PrometheusText.Family f : families.values()) {
      if (f.samples().isEmpty()) {
        throw new ResponseFormatException("kes: server response contains no metric: " + f.name());
      }
      switch (f.name()) {
        case "kes_http_request_success" -> ok = sum(f, "counter", source);
        case "kes_http_request_error" -> err = sum(f, "counter", source);
        case "kes_http_request_failure" -> fail = sum(f, "counter", source);
        case "kes_http_request_active" -> active = (long) single(f, "gauge", source);
        case "kes_log_audit_events" -> audit = (long) single(f, "counter", source);
        case "kes_log_error_events" -> error = (long) single(f, "counter", source);
        case "kes_http_response_time" -> histogram = buckets(f, source);
        case "kes_system_up_time" -> uptime = Duration.ofSeconds((long) single(f, "gauge", source));
        case "kes_system_num_cpu" -> cpus = (int) single(f, "gauge", source);
        case "kes_system_num_cpu_used" -> usable = (int) single(f, "gauge", source);
        case "kes_system_num_threads" -> threads = (int) single(f, "gauge", source);
        case "kes_system_mem_heap_used" -> heap = (long) single(f, "gauge", source);
        case "kes_system_mem_heap_objects" -> objects = (long) single(f, "gauge", source);
        case "kes_system_mem_stack_used" -> stack = (long) single(f, "gauge", source);
        default -> {
          // not one of KES's families: ignored, as by the SDK
        }
      }
    }
    return new Metrics(ok, err, fail, active, audit, error, histogram, uptime, cpus, usable,
        threads, heap, objects, stack);
  }

  private static long sum(PrometheusText.Family f, String type, String source)
      throws ResponseFormatException {
    checkType(f, type, source);
    long total = 0;
    for (PrometheusText.Sample s : f.samples()) {
      total += (long) s.value();
    }
    return total;
  }

  private static double single(PrometheusText.Family f, String type, String source)
      throws ResponseFormatException {
    checkType(f, type, source);
    if (f.samples().size() != 1) {
      throw new ResponseFormatException(
          "kes: server response contains more than one metric: " + f.name() + " from " + source);
    }
    return f.samples().get(0).value();
  }

  /** The cumulative bucket counts by upper bound, without +Inf and without a zero bound. */
  private static TreeMap<Duration, Long> buckets(PrometheusText.Family f, String source)
      throws ResponseFormatException {
    checkType(f, "histogram", source);
    Set<Map<String, String>> series = new HashSet<>();
    TreeMap<Duration, Long> out = new TreeMap<>();
    for (PrometheusText.Sample s : f.samples()) {
      Map<String, String> labels = new TreeMap<>(s.labels());
      String le = labels.remove("le");
      series.add(labels);
      if (!s.name().endsWith("_bucket") || le == null) {
        continue;
      }
      double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : parseBound(le, f, source);
      if (Double.isInfinite(bound)) {
        continue;
      }
      Duration d = Duration.ofMillis((long) (1000 * bound)); // as the SDK: whole milliseconds
      if (!d.isZero()) {
        out.put(d, (long) s.value());
      }
    }
    if (series.size() != 1) {
      throw new ResponseFormatException(
          "kes: server response contains more than one metric: " + f.name() + " from " + source);
    }
    return out;
  }

  private static double parseBound(String le, PrometheusText.Family f, String source)
      throws ResponseFormatException {
    try {
      return Double.parseDouble(le);
    } catch (NumberFormatException e) {
      throw new ResponseFormatException(
          "kes: invalid metrics from " + source + ": bucket bound '" + le + "' of " + f.name());
    }
  }

  private static void checkType(PrometheusText.Family f, String type, String source)
      throws ResponseFormatException {
    if (!f.type().equals(type)) {
      throw new ResponseFormatException("kes: invalid metrics from " + source + ": " + f.name()
          + " is a " + f.type() + ", expected a " + type);
    }
  }
}
