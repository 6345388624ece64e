package org.openkes.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openkes.client.ScriptedTlsServer.Answer;
import org.openkes.client.ScriptedTlsServer.Received;

/**
 * {@link Transport#BLOCKING_HTTP1} below the API: response framing, keep-alive and the failures
 * a hand-written server produces (the API-level tests run over this transport too, in the
 * {@code *OverSocketsTest} classes).
 */
class SocketSenderTest {
  private static final String VERSION = "{\"version\":\"v1\",\"commit\":\"c\"}";

  private ScriptedTlsServer server;
  private SocketSender sender;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedTlsServer(r -> Answer.json(VERSION));
    sender = sender(Duration.ofSeconds(10));
  }

  private SocketSender sender(Duration timeout) {
    return new SocketSender(TlsContexts.create(Credentials.apiKey(TestKeys.API_KEY),
        ServerTrust.certificates(List.of(server.tls().certificate()))), Duration.ofSeconds(10), timeout);
  }

  @AfterEach
  void stop() throws Exception {
    sender.close();
    server.close();
  }

  private String get(String path) throws KesException {
    try (Exchange e = send("GET", path, null)) {
      return e.status() + " " + e.readText(1 << 20);
    }
  }

  private Exchange send(String method, String path, byte[] body) throws TransportException {
    Endpoint ep = server.endpoint();
    ApiRequest r = new ApiRequest(method, path, body, body == null ? null : ApiRequest.JSON, null);
    return sender.send(ep, ep.resolve(path), method, body, r);
  }

  @Test
  void callsShareOneConnectionOnceEachBodyIsRead() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(get("/version")).isEqualTo("200 " + VERSION);
    }
    assertThat(server.connections()).isEqualTo(1);
    assertThat(server.received()).extracting(Received::connection).containsExactly(1, 1, 1);
  }

  @Test
  void theRequestCarriesHostLengthAndTypeAsGoSendsThem() throws Exception {
    try (Exchange e = send("POST", "/v1/key/encrypt/k%2Fx", "{\"plaintext\":\"\"}".getBytes())) {
      e.readBody(1024);
    }
    try (Exchange e = send("POST", "/v1/key/create/k", null)) {
      e.readBody(1024);
    }
    Received withBody = server.received().get(0);
    assertThat(withBody.head()).startsWith("POST /v1/key/encrypt/k%2Fx HTTP/1.1\r\n")
        .contains("\r\nHost: 127.0.0.1:" + server.endpoint().uri().getPort() + "\r\n")
        .contains("\r\nContent-Length: 16\r\n", "\r\nContent-Type: application/json\r\n");
    assertThat(withBody.body()).isEqualTo("{\"plaintext\":\"\"}");
    assertThat(server.received().get(1).head()).contains("\r\nContent-Length: 0\r\n").doesNotContain("Content-Type");
  }

  @Test
  void chunkedBodiesWithExtensionsAndTrailersAreJoined() throws Exception {
    server.script(r -> Answer.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5;ext=1\r\nhello\r\n1\r\n \r\n6\r\nworld!\r\n0\r\nX-Trailer: t\r\n\r\n"));
    assertThat(get("/a")).isEqualTo("200 hello world!");
    assertThat(get("/b")).isEqualTo("200 hello world!");
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void aBodyWithoutLengthRunsUntilTheServerCloses() throws Exception {
    server.script(r -> Answer.closing("HTTP/1.1 200 OK\r\n\r\nall of it"));
    assertThat(get("/a")).isEqualTo("200 all of it");
    assertThat(get("/b")).isEqualTo("200 all of it");
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void aBodyWhoseLastCodingIsNotChunkedRunsUntilTheServerCloses() throws Exception {
    server.script(r -> Answer.closing("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, identity\r\n\r\n5\r\nraw"));
    assertThat(get("/a")).isEqualTo("200 5\r\nraw");
  }

  @Test
  void connectionCloseIsHonoured() throws Exception {
    server.script(r -> Answer.of("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"));
    assertThat(get("/a")).isEqualTo("204 ");
    assertThat(get("/b")).isEqualTo("204 ");
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void informationalAnswersAreSkipped() throws Exception {
    server.script(r -> Answer.of("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
    assertThat(get("/a")).isEqualTo("200 ok");
  }

  @Test
  void anIdleConnectionTheServerClosedIsReplacedAndTheRequestSentOnce() throws Exception {
    // Answers with a length (so the client keeps the connection) and closes anyway, as a server
    // does when its idle timeout strikes between two calls.
    server.script(r -> Answer.closing("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
    assertThat(get("/a")).isEqualTo("200 ok");
    Thread.sleep(100); // the close reaches the client
    assertThat(get("/b")).isEqualTo("200 ok");
    assertThat(server.received()).extracting(r -> r.head().split(" ")[1] + "@" + r.connection())
        .containsExactly("/a@1", "/b@2");
  }

  @Test
  void aTruncatedBodyIsAClosedConnection() throws Exception {
    server.script(r -> Answer.closing("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"));
    try (Exchange e = send("GET", "/a", null)) {
      assertThatThrownBy(() -> e.readBody(1024)).isInstanceOfSatisfying(TransportException.class, t ->
          assertThat(t.reason()).isEqualTo(TransportException.Reason.CONNECTION_CLOSED));
    }
  }

  @Test
  void aConnectionClosedBeforeAnyAnswerIsAClosedConnection() throws Exception {
    server.script(r -> Answer.closing(""));
    assertThatThrownBy(() -> get("/a")).isInstanceOfSatisfying(TransportException.class, t -> {
      assertThat(t.reason()).isEqualTo(TransportException.Reason.CONNECTION_CLOSED);
      assertThat(t.getMessage()).startsWith("kes: cannot reach " + server.endpoint() + ": connection closed");
    });
    assertThat(server.received()).hasSize(1); // a fresh connection is not tried again here
  }

  @Test
  void malformedAnswersSayWhatWasWrong() throws Exception {
    for (String bad : List.of("SMTP ready\r\n\r\n", "HTTP/1.1 2xx OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")) {
      server.script(r -> Answer.closing(bad));
      assertThatThrownBy(() -> get("/a")).as(bad).isInstanceOfSatisfying(TransportException.class, t -> {
        assertThat(t.reason()).isEqualTo(TransportException.Reason.IO);
        assertThat(t.getMessage()).containsPattern("malformed|invalid");
      });
    }
  }

  @Test
  void aSlowAnswerOnAKeptConnectionTimesOutAndIsNotSentAgain() throws Exception {
    sender.close();
    sender = sender(Duration.ofMillis(300));
    assertThat(get("/a")).isEqualTo("200 " + VERSION);
    server.script(r -> new Answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", false, 2_000));
    assertThatThrownBy(() -> get("/b")).isInstanceOfSatisfying(TransportException.class, t ->
        assertThat(t.reason()).isEqualTo(TransportException.Reason.TIMEOUT));
    assertThat(server.received()).hasSize(2);
  }

  @Test
  void anAbandonedBodyClosesItsConnection() throws Exception {
    server.script(r -> Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 20000\r\n\r\n" + "x".repeat(20000)));
    try (Exchange e = send("GET", "/a", null)) {
      InputStream in = e.body();
      assertThat(in.read()).isEqualTo('x');
    }
    assertThat(get("/b")).startsWith("200 xxx");
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void closingTheSenderClosesItsIdleConnections() throws Exception {
    assertThat(get("/a")).isEqualTo("200 " + VERSION);
    sender.close();
    assertThatThrownBy(() -> get("/b")).isInstanceOf(TransportException.class);
    assertThat(server.received()).hasSize(1);
  }
}
