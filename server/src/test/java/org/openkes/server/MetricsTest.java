package org.openkes.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /v1/metrics}: exactly KES's families (kes-compat.md §7.1). */
class MetricsTest {
  static List<String> families(String exposition) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$").matcher(exposition);
    while (m.find()) {
      out.add(m.group(1) + " " + m.group(2));
    }
    return out;
  }

  static double value(String exposition, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
    assertThat(m.find()).as(series).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void freshServerHasTheUnlabelledFamiliesOnly() throws Exception {
    try (TestServer s = TestServer.start()) {
      TestClient.Reply r = s.adminClient().get("/v1/metrics");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("content-type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8; escaping=values");
      assertThat(families(r.body())).containsExactly(
          "kes_http_request_active gauge",
          "kes_http_response_time histogram",
          "kes_log_audit_events counter",
          "kes_log_error_events counter",
          "kes_system_mem_heap_objects gauge",
          "kes_system_mem_heap_used gauge",
          "kes_system_mem_stack_used gauge",
          "kes_system_num_cpu gauge",
          "kes_system_num_cpu_used gauge",
          "kes_system_num_threads gauge",
          "kes_system_up_time gauge");
      assertThat(r.body()).contains(
          "# HELP kes_http_response_time Histogram of request response times spawning from 10ms to 10s.\n"
              + "# TYPE kes_http_response_time histogram\n"
              + "kes_http_response_time_bucket{le=\"0.01\"} 0\n"
              + "kes_http_response_time_bucket{le=\"0.05\"} 0\n"
              + "kes_http_response_time_bucket{le=\"0.1\"} 0\n"
              + "kes_http_response_time_bucket{le=\"0.25\"} 0\n"
              + "kes_http_response_time_bucket{le=\"0.5\"} 0\n"
              + "kes_http_response_time_bucket{le=\"1\"} 0\n"
              + "kes_http_response_time_bucket{le=\"1.5\"} 0\n"
              + "kes_http_response_time_bucket{le=\"3\"} 0\n"
              + "kes_http_response_time_bucket{le=\"5\"} 0\n"
              + "kes_http_response_time_bucket{le=\"10\"} 0\n"
              + "kes_http_response_time_bucket{le=\"+Inf\"} 0\n"
              + "kes_http_response_time_sum 0\n"
              + "kes_http_response_time_count 0\n",
          "# HELP kes_system_num_cpu The number of logical CPUs available on the system. It may be"
              + " larger than the number of usable CPUs.\n");
      assertThat(value(r.body(), "kes_system_num_cpu")).isPositive();
      assertThat(value(r.body(), "kes_system_mem_heap_used")).isPositive();
      assertThat(value(r.body(), "kes_system_num_threads")).isPositive();
    }
  }

  @Test
  void onlyKeyPolicyAndIdentityApisAreCountedAfterAuthentication() throws Exception {
    TestCerts.Client app = TestCerts.ecdsa();
    try (TestServer s = TestServer.builder()
        .policy("p", List.of("/v1/key/describe/*"), List.of(), app).start()) {
      TestClient admin = s.adminClient();
      admin.post("/v1/key/create/a", "");          // 200
      admin.post("/v1/key/create/a", "");          // 400
      admin.get("/v1/key/describe/missing");       // 404
      admin.get("/v1/policy/list/");               // 200
      admin.get("/v1/status");                     // not counted
      admin.get("/version");                       // not counted
      admin.delete("/v1/key/create/a");            // 405: not counted
      admin.get("/v1/key/list");                   // 301: not counted
      s.client(app).get("/v1/key/list/");          // 403: not counted
      s.client(app).get("/v1/key/describe/a");     // 200
      String m = admin.get("/v1/metrics").body();
      assertThat(m).contains("# TYPE kes_http_request_success counter\n"
          + "kes_http_request_success{code=\"200\"} 3\n");
      assertThat(m).contains("# HELP kes_http_request_error Number of request that failed due to"
          + " some error. (HTTP 4xx status code)\n# TYPE kes_http_request_error counter\n"
          + "kes_http_request_error{code=\"400\"} 1\nkes_http_request_error{code=\"404\"} 1\n");
      assertThat(m).doesNotContain("kes_http_request_failure");
      assertThat(value(m, "kes_http_response_time_count")).isEqualTo(5);
      assertThat(value(m, "kes_http_response_time_bucket{le=\"+Inf\"}")).isEqualTo(5);
      assertThat(value(m, "kes_http_request_active")).isZero();
    }
  }
}
