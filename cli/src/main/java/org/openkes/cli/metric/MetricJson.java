package org.openkes.cli.metric;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openkes.cli.client.GoJson;
import org.openkes.client.Metrics;

/** The SDK's {@code Metric} JSON, as real KES prints it when piped: durations in nanoseconds. */
final class MetricJson {
  private MetricJson() {}

  /** One line: the {@code kes_*} names, the histogram keyed by its bounds in nanoseconds. */
  static String of(Metrics m) {
    ObjectNode o = GoJson.object()
        .put("kes_http_request_success", m.requestOk())
        .put("kes_http_request_error", m.requestErr())
        .put("kes_http_request_failure", m.requestFail())
        .put("kes_http_request_active", m.requestActive())
        .put("kes_log_audit_events", m.auditEvents())
        .put("kes_log_error_events", m.errorEvents());
    ObjectNode h = o.putObject("kes_http_response_time");
    m.latencyHistogram().forEach((bound, n) -> h.put(Long.toString(bound.toNanos()), n));
    o.put("kes_system_up_time", m.uptime().toNanos())
        .put("kes_system_num_cpu", m.cpus())
        .put("kes_system_num_cpu_used", m.usableCpus())
        .put("kes_system_num_threads", m.threads())
        .put("kes_system_mem_heap_used", m.heapAlloc())
        .put("kes_system_mem_heap_objects", m.heapObjects())
        .put("kes_system_mem_stack_used", m.stackAlloc());
    return GoJson.compact(o);
  }
}
