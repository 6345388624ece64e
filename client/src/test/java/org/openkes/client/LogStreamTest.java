package org.openkes.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openkes.client.FakeKesServer.Response;
import org.openkes.core.identity.Identity;

class LogStreamTest {
  /** The transport under test; subclasses run every test over the other one. */
  Transport transport() {
    return Transport.HTTP_CLIENT;
  }

  private FakeKesServer server;
  private KesClient client;

  @BeforeEach
  void start() throws Exception {
    server = FakeKesServer.start();
    client = TestKeys.client(transport(), server, new TestKeys.RecordingSleeper()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  /** Streams {@code lines}, then ends the response (or keeps it open until the server closes). */
  private void stream(String lines, boolean keepOpen) {
    server.handle((r, x) -> {
      x.getResponseHeaders().set("Content-Type", "application/x-ndjson");
      x.sendResponseHeaders(200, 0);
      OutputStream out = x.getResponseBody();
      out.write(lines.getBytes(StandardCharsets.UTF_8));
      out.flush();
      if (keepOpen) {
        server.awaitClose();
      }
      out.close();
      return null;
    });
  }

  @Test
  void auditEventsAreReadInOrder() throws Exception {
    stream("{\"time\":\"2025-05-27T12:00:00.5+02:00\",\"request\":{\"ip\":\"127.0.0.1\",\"path\":\"/v1/key/create/k\","
        + "\"identity\":\"abc\"},\"response\":{\"code\":200,\"time\":3}}\n"
        + "{\"time\":\"2025-05-27T12:00:01+02:00\",\"request\":{\"path\":\"/v1/key/delete/k\"},\"response\":{\"code\":200}}\n", false);
    try (LogStream<AuditEvent> s = client.auditLog()) {
      List<AuditEvent> events = s.stream().toList();
      assertThat(events).containsExactly(
          new AuditEvent(Instant.parse("2025-05-27T10:00:00.5Z"), "/v1/key/create/k", "127.0.0.1", Identity.of("abc"), 200, Duration.ofMillis(3)),
          new AuditEvent(Instant.parse("2025-05-27T10:00:01Z"), "/v1/key/delete/k", "", Identity.UNKNOWN, 200, Duration.ZERO));
      assertThat(s.hasNext()).isFalse();
    }
    assertThat(server.lastRequest().rawPath()).isEqualTo("/v1/log/audit");
  }

  @Test
  void errorEventsArriveWhileTheStreamStaysOpen() throws Exception {
    stream("{\"message\":\"first\"}\n{\"message\":\"second\"}\n", true);
    try (LogStream<ErrorEvent> s = client.errorLog()) {
      assertThat(s.next()).isEqualTo(new ErrorEvent("first"));
      assertThat(s.next()).isEqualTo(new ErrorEvent("second"));
    }
    assertThat(server.lastRequest().rawPath()).isEqualTo("/v1/log/error");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard, not a timing assertion
  void closingFromAnotherThreadEndsAWaitingIteration() throws Exception {
    stream("", true);
    LogStream<ErrorEvent> s = client.errorLog();
    Thread reader = Thread.currentThread();
    Thread closer = new Thread(() -> {
      while (reader.getState() == Thread.State.RUNNABLE) {
        Thread.onSpinWait(); // until the reader blocks in hasNext()
      }
      s.close();
    });
    closer.start();
    assertThat(s.hasNext()).isFalse();
    closer.join();
    assertThat(s.hasNext()).isFalse();
  }

  @Test
  void aTruncatedEventIsAnError() throws Exception {
    stream("{\"message\":\"ok\"}\n{\"message\":", false);
    try (LogStream<ErrorEvent> s = client.errorLog()) {
      assertThat(s.next().message()).isEqualTo("ok");
      assertThatThrownBy(s::hasNext).isInstanceOf(UncheckedIOException.class)
          .cause().isInstanceOf(ResponseFormatException.class).hasMessageContaining("invalid event from");
      assertThat(s.hasNext()).isFalse();
    }
  }

  @Test
  void aForbiddenSubscriptionFailsOnFirstUse() {
    server.respond(Response.error(403, "not authorized: insufficient permissions"));
    try (LogStream<AuditEvent> s = client.auditLog()) {
      assertThatThrownBy(s::awaitSubscription).isInstanceOf(NotAllowedException.class);
      assertThatThrownBy(s::hasNext).isInstanceOf(UncheckedIOException.class)
          .cause().isInstanceOf(NotAllowedException.class);
      assertThat(s.hasNext()).isFalse();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard, not a timing assertion
  void aServerThatNeverAnswersCanBeLeft() throws Exception {
    // What real KES v0.24 does on /v1/log/*: it never even sends the response headers.
    server.handle((r, x) -> {
      server.awaitClose();
      return null;
    });
    LogStream<AuditEvent> s = client.auditLog();
    Thread reader = Thread.currentThread();
    Thread closer = new Thread(() -> {
      while (reader.getState() == Thread.State.RUNNABLE) {
        Thread.onSpinWait();
      }
      s.close();
    });
    closer.start();
    assertThat(s.hasNext()).isFalse();
    closer.join();
    assertThatThrownBy(s::awaitSubscription).isInstanceOf(IllegalStateException.class)
        .hasMessage("the log stream was closed");
  }
}
