package org.openkes.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsReaderTest {
  /** Captured from the real KES v0.24.0 after six requests (3×200, 2×404, 1×400). */
  private static String realKes() throws IOException {
    try (InputStream in = MetricsReaderTest.class.getResourceAsStream("kes-v0.24.0-metrics.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsTheRealServersExposition() throws Exception {
    Metrics m = MetricsReader.read(realKes(), "test");
    assertThat(m.requestOk()).isEqualTo(3);
    assertThat(m.requestErr()).isEqualTo(3); // summed over code="400" and code="404"
    assertThat(m.requestFail()).isZero();
    assertThat(m.requests()).isEqualTo(6);
    assertThat(m.latencyHistogram()).hasSize(10).containsEntry(Duration.ofMillis(10), 6L)
        .containsEntry(Duration.ofSeconds(10), 6L);
    assertThat(m.latencyHistogram().firstKey()).isEqualTo(Duration.ofMillis(10));
    assertThat(m.heapAlloc()).isEqualTo(4_948_040L); // written as 4.94804e+06
    assertThat(m.heapObjects()).isEqualTo(29187);
    assertThat(m.stackAlloc()).isEqualTo(720896);
    assertThat(m.cpus()).isEqualTo(2);
    assertThat(m.usableCpus()).isEqualTo(2);
    assertThat(m.threads()).isEqualTo(12);
    assertThat(m.uptime()).isEqualTo(Duration.ofSeconds(15)); // 15.96 truncated, as the SDK
  }

  @Test
  void labelledFamiliesAppearOnlyAfterTheirFirstObservation() throws Exception {
    String text = """
        # TYPE kes_http_request_active gauge
        kes_http_request_active 1
        # TYPE kes_system_up_time gauge
        kes_system_up_time 3
        """;
    Metrics m = MetricsReader.read(text, "test");
    assertThat(m.requestOk()).isZero();
    assertThat(m.requestActive()).isEqualTo(1);
    assertThat(m.latencyHistogram()).isEmpty();
  }

  @Test
  void anUnlabelledFamilyWithTwoSamplesIsRejectedLikeTheSdk() {
    String text = """
        # TYPE kes_system_num_cpu gauge
        kes_system_num_cpu{a="1"} 2
        kes_system_num_cpu{a="2"} 2
        """;
    assertThatThrownBy(() -> MetricsReader.read(text, "src"))
        .isInstanceOf(ResponseFormatException.class)
        .hasMessage("kes: server response contains more than one metric: kes_system_num_cpu from src");
  }

  @Test
  void aDeclaredFamilyWithoutSamplesIsRejected() {
    assertThatThrownBy(() -> MetricsReader.read("# TYPE kes_system_num_cpu gauge\n", "src"))
        .hasMessage("kes: server response contains no metric: kes_system_num_cpu");
  }

  @Test
  void unknownFamiliesAreIgnoredAndBadLinesNamed() throws Exception {
    assertThat(MetricsReader.read("go_goroutines 7\n", "src").threads()).isZero();
    assertThatThrownBy(() -> MetricsReader.read("kes_system_num_cpu two\n", "src"))
        .hasMessage("kes: invalid metrics from src: line 1: 'two' is not a number");
    assertThatThrownBy(() -> MetricsReader.read("x{a=\"1} 2\n", "src"))
        .hasMessage("kes: invalid metrics from src: line 1: unterminated label value");
  }

  @Test
  void labelValuesUnescape() throws Exception {
    var f = PrometheusText.parse("m{a=\"x\\\"y\\\\z\\n\",b=\"2\"} 1 1700000000000\n", "src").get("m");
    assertThat(f.samples().get(0).labels()).containsEntry("a", "x\"y\\z\n").containsEntry("b", "2");
    assertThat(f.samples().get(0).value()).isEqualTo(1.0);
  }
}
