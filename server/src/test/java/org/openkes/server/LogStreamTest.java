package org.openkes.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openkes.core.config.LogLevel;

/**
 * {@code /v1/log/audit} and {@code /v1/log/error} deliver their events (kes-compat.md §7.4; real
 * KES delivers none, quirk Q3).
 */
class LogStreamTest {
  /** An open ndjson stream. */
  record Stream(HttpResponse<InputStream> response, BufferedReader lines) implements AutoCloseable {
    String next() throws Exception {
      return CompletableFuture.supplyAsync(() -> {
        try {
          return lines.readLine();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
      response.body().close();
    }
  }

  static Stream open(TestClient c, String path) throws Exception {
    HttpResponse<InputStream> r = c.http().send(HttpRequest.newBuilder(c.uri(path)).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/x-ndjson");
    return new Stream(r, new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP_1_1", "HTTP_2"})
  void auditEventsAreDelivered(String version) throws Exception {
    try (TestServer s = TestServer.start()) {
      TestClient c = s.client(s.admin, HttpClient.Version.valueOf(version), null);
      try (Stream audit = open(c, "/v1/log/audit")) {
        s.adminClient().post("/v1/key/create/watched", "");
        String event = audit.next();
        assertThat(event).matches("\\{\"time\":\"[^\"]+\",\"request\":\\{\"ip\":\"127.0.0.1\","
            + "\"path\":\"/v1/key/create/watched\",\"identity\":\"" + s.admin.identity().value()
            + "\"},\"response\":\\{\"code\":200,\"time\":\\d+}}");
        s.adminClient().delete("/v1/key/delete/watched");
        assertThat(audit.next()).contains("\"path\":\"/v1/key/delete/watched\"");
      }
      String m = s.adminClient().get("/v1/metrics").body();
      assertThat(MetricsTest.value(m, "kes_log_audit_events")).isEqualTo(2);
    }
  }

  @Test
  void errorEventsAreDeliveredAndMultipleSubscribersEachGetThem() throws Exception {
    try (TestServer s = TestServer.start();
        Stream one = open(s.adminClient(), "/v1/log/error");
        Stream two = open(s.adminClient(), "/v1/log/error")) {
      s.adminClient().post("/v1/key/encrypt/x", "not json"); // the body is checked first
      String a = one.next();
      String b = two.next();
      assertThat(a).isEqualTo(b).matches("\\{\"message\":\"time=\\S+ level=ERROR "
          + "msg=\\\\\"malformed JSON at line 1, column \\d+\\\\\" req.method=POST "
          + "req.path=/v1/key/encrypt/x req.ip=127.0.0.1 req.identity=[0-9a-f]{64}\"}");
    }
  }

  @Test
  void auditOffSilencesStdoutAndSubscribers() throws Exception {
    try (TestServer s = TestServer.builder().log(LogLevel.INFO, LogLevel.OFF).start();
        Stream audit = open(s.adminClient(), "/v1/log/audit");
        Stream errors = open(s.adminClient(), "/v1/log/error")) {
      s.adminClient().post("/v1/key/create/quiet", "");
      s.adminClient().post("/v1/key/encrypt/quiet", "{");
      // The error event proves the create was processed before it; no audit event came.
      assertThat(errors.next()).contains("level=ERROR");
      assertThat(s.stdout()).isEmpty();
      assertThat(audit.lines().ready()).isFalse();
    }
  }

  @Test
  void streamsSurviveTheIdleTimeout() throws Exception {
    try (TestServer s = TestServer.builder().idleTimeout(Duration.ofMillis(500)).start()) {
      TestClient h1 = s.client(s.admin, HttpClient.Version.HTTP_1_1, null);
      try (Stream audit = open(h1, "/v1/log/audit")) {
        Thread.sleep(1500); // three idle timeouts pass with nothing to send
        s.adminClient().post("/v1/key/create/late", "");
        assertThat(audit.next()).contains("/v1/key/create/late");
      }
    }
  }

  @Test
  void closingTheServerEndsStreams() throws Exception {
    TestServer s = TestServer.start();
    Stream audit = open(s.adminClient(), "/v1/log/audit");
    s.close();
    assertThat(audit.next()).isNull(); // end of stream, not a hang
    audit.close();
  }
}
