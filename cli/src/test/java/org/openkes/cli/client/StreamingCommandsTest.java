package org.openkes.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.cli.metric.Dashboard;

/** {@code kes log} and {@code kes metric} against our server. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StreamingCommandsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static CliServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new CliServer(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * Runs {@code kes log} in the background and makes requests until it has seen its events: the
   * subscription starts at an unknown moment, so only requests after it are logged.
   */
  static Kes.Result follow(Kes kes, String... args) throws Exception {
    CompletableFuture<Kes.Result> log = CompletableFuture.supplyAsync(() -> kes.run(args));
    for (int i = 0; ; i++) {
      Kes.piped(server.adminEnv()).run("key", "create", "-k", "logged-" + System.nanoTime());
      try {
        return log.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillWaiting) {
        // not subscribed yet, or fewer events than asked for: make another request
      }
    }
  }

  @Test
  void auditLogAsJsonLines() throws Exception {
    Kes.Result r = follow(Kes.piped(server.adminEnv()), "log", "-k", "--json", "-n", "2");
    assertThat(r.rc()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines).hasSize(2);
    for (String line : lines) {
      JsonNode e = JSON.readTree(line);
      assertThat(e.get("request").get("path").asText()).startsWith("/v1/");
      assertThat(e.get("request").get("identity").asText()).isEqualTo(server.admin.identity().value());
      assertThat(e.get("response").get("code").asInt()).isEqualTo(200);
    }
  }

  @Test
  void auditLogAsATable() throws Exception {
    Kes.Result r = follow(Kes.piped(server.adminEnv()), "log", "-k", "--audit", "-n", "1");
    assertThat(r.rc()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines[0]).matches("Time +Status +Identity +IP +API +Latency");
    assertThat(lines[1]).matches("\\d\\d:\\d\\d:\\d\\d +200 +" + server.admin.identity().value().substring(0, 20)
        + " +127\\.0\\.0\\.1 +/v1/\\S+ +\\S+");
  }

  @Test
  void logUsageAndPermissions() {
    assertThat(Kes.piped(server.adminEnv()).run("log", "--audit", "--error")).isEqualTo(
        new Kes.Result(2, "", "Error: cannot display audit and error logs at the same time\n"));
    Kes.Result denied = Kes.piped(server.readerEnv()).run("log", "-k", "--error");
    assertThat(denied.rc()).isEqualTo(1);
    assertThat(denied.err()).startsWith("Error: failed to follow the error log: not allowed");
  }

  @Test
  void metricsPipedAreOneJsonObjectPerScrape() throws Exception {
    Kes.Result r = Kes.piped(server.adminEnv()).run("metric", "-k", "-n", "2", "--rate", "10ms");
    assertThat(r.rc()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines).hasSize(2);
    for (String line : lines) {
      JsonNode m = JSON.readTree(line);
      assertThat(m.get("kes_system_num_cpu").asInt()).isPositive();
      assertThat(m.has("kes_http_request_success")).isTrue();
      assertThat(m.get("kes_http_response_time").isObject()).isTrue();
    }

    // On a terminal: the dashboard, drawn twice in place (the second frame with rates).
    Kes.Result tty = Kes.terminal(server.adminEnv()).run("metric", "-k", "-n", "2", "--rate", "10ms");
    assertThat(tty.rc()).isZero();
    assertThat(tty.out()).startsWith("\033[?25l\033[2K").contains("Requests").contains("Threads")
        .contains("\033[" + Dashboard.LINES + "A\r").endsWith("\033[?25h");
  }

  @Test
  void metricErrors() {
    Kes.Result bad = Kes.piped(server.adminEnv()).run("metric", "-k", "--rate", "fast");
    assertThat(bad.rc()).isEqualTo(2);
    assertThat(bad.err()).startsWith("Error: invalid --rate 'fast'");
    Kes.Result denied = Kes.piped(server.readerEnv()).run("metric", "-k", "-n", "1");
    assertThat(denied.rc()).isEqualTo(1);
    assertThat(denied.err()).startsWith("Error: failed to fetch metrics: not allowed");
  }
}
