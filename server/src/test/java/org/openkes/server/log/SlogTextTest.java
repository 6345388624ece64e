package org.openkes.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.openkes.core.config.LogLevel;

/** Go {@code slog} text lines, as KES's logs print them (kes-compat.md §7.2, §7.3). */
class SlogTextTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-05-27T08:00:00.123Z"), ZoneOffset.UTC);

  @Test
  void quoting() {
    assertThat(SlogText.needsQuoting("abc-123/x.y:z")).isFalse();
    assertThat(SlogText.needsQuoting("")).isTrue();
    assertThat(SlogText.needsQuoting("a b")).isTrue();
    assertThat(SlogText.needsQuoting("a=b")).isTrue();
    assertThat(SlogText.needsQuoting("a\"b")).isTrue();
    assertThat(SlogText.needsQuoting("a\\b")).isFalse();
    assertThat(SlogText.needsQuoting("\u00e9")).isFalse();
    assertThat(SlogText.needsQuoting("a\u00a0b")).isTrue();
    assertThat(new SlogText(CLOCK.instant(), ZoneOffset.UTC, LogLevel.WARN, "say \"hi\"\n")
        .attr("k", "").toString())
        .isEqualTo("time=2025-05-27T08:00:00.123Z level=WARN msg=\"say \\\"hi\\\"\\n\" k=\"\"");
  }

  @Test
  void errorLogLineAndLevels() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ErrorLog log = new ErrorLog(new PrintStream(buf, true, StandardCharsets.UTF_8), CLOCK,
        ZoneOffset.ofHours(2), () -> {});
    RequestInfo req = new RequestInfo("PUT", "/v1/key/encrypt/k", "10.0.0.5", "");
    log.error("vault: failed to read 'kv/k'", req);
    log.debug("not shown at INFO", req);
    log.setLevel(LogLevel.OFF);
    log.error("not shown when off", req);
    assertThat(buf.toString(StandardCharsets.UTF_8)).isEqualTo(
        "time=2025-05-27T10:00:00.123+02:00 level=ERROR msg=\"vault: failed to read 'kv/k'\""
            + " req.method=PUT req.path=/v1/key/encrypt/k req.ip=10.0.0.5"
            + " req.identity=<unknown>\n");
  }

  @Test
  void auditLogLine() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int[] delivered = {0};
    AuditLog log = new AuditLog(new PrintStream(buf, true, StandardCharsets.UTF_8), CLOCK,
        ZoneOffset.UTC, () -> delivered[0]++);
    try (Subscription sub = log.subscribe()) {
      log.log("secret key 'my-key' created", 200,
          new RequestInfo("POST", "/v1/key/create/my-key", "::1", "3ecf"),
          Duration.ofNanos(1_234_567));
      assertThat(buf.toString(StandardCharsets.UTF_8)).isEqualTo(
          "time=2025-05-27T08:00:00.123Z level=INFO msg=\"secret key 'my-key' created\""
              + " req.method=POST req.path=/v1/key/create/my-key req.ip=::1 req.identity=3ecf"
              + " res.code=200 res.time=1.234567ms\n");
      assertThat(sub.next(Duration.ofSeconds(1))).hasValue(
          "{\"time\":\"2025-05-27T08:00:00.123Z\",\"request\":{\"ip\":\"::1\","
              + "\"path\":\"/v1/key/create/my-key\",\"identity\":\"3ecf\"},"
              + "\"response\":{\"code\":200,\"time\":1}}\n");
    }
  }

  @Test
  void aClosedSubscriptionWakesItsReader() throws Exception {
    AuditLog log = new AuditLog(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8), CLOCK, ZoneOffset.UTC, () -> {});
    Subscription sub = log.subscribe();
    Thread closer = Thread.ofVirtual().start(sub::close);
    assertThat(sub.next(Duration.ofSeconds(30))).isEmpty();
    closer.join();
    assertThat(sub.isClosed()).isTrue();
  }

  @Test
  void aSlowSubscriberMissesEventsInsteadOfBlocking() throws Exception {
    AuditLog log = new AuditLog(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8), CLOCK, ZoneOffset.UTC, () -> {});
    try (Subscription sub = log.subscribe()) {
      RequestInfo req = new RequestInfo("DELETE", "/v1/key/delete/k", "127.0.0.1", "x");
      for (int i = 0; i < Subscription.CAPACITY + 100; i++) {
        log.log("secret key 'k' deleted", 200, req, Duration.ZERO);
      }
      int n = 0;
      while (sub.next(Duration.ZERO).isPresent()) {
        n++;
      }
      assertThat(n).isEqualTo(Subscription.CAPACITY);
    }
  }
}
