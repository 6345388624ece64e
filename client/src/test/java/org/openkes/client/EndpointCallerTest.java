package org.openkes.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openkes.client.FakeKesServer.Response;

/** Redirects and retries as the SDK does them, and transport failures that say what happened. */
class EndpointCallerTest {
  /** The transport under test; subclasses run every test over the other one. */
  Transport transport() {
    return Transport.HTTP_CLIENT;
  }

  private FakeKesServer server;
  private final TestKeys.RecordingSleeper sleeper = new TestKeys.RecordingSleeper();
  private KesClient client;

  @BeforeEach
  void start() throws Exception {
    server = FakeKesServer.start();
    client = TestKeys.client(transport(), server, sleeper).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static final String NAMES = "{\"names\":[\"k\"],\"continue_at\":\"\"}";

  @Test
  void followsTheTrailingSlashRedirectOfAnEmptyListPrefix() throws Exception {
    for (int status : new int[] {301, 307}) { // Go < 1.26 answers 301, Go 1.26 307
      server.handle((r, x) -> r.rawPath().equals("/v1/key/list")
          ? Response.redirect(status, "/v1/key/list/")
          : Response.json(200, NAMES));
      int before = server.requests().size();
      assertThat(client.listKeys("").items()).containsExactly("k");
      assertThat(server.requests().subList(before, server.requests().size()))
          .extracting(FakeKesServer.Request::rawPath).containsExactly("/v1/key/list", "/v1/key/list/");
    }
  }

  @Test
  void aPermanentRedirectOfAPostBecomesAGetWithoutBodyAsInGo() throws Exception {
    server.handle((r, x) -> r.rawPath().equals("/v1/key/encrypt/k")
        ? Response.redirect(301, "/elsewhere")
        : Response.json(200, "{\"ciphertext\":\"\"}"));
    client.encrypt("k", new byte[] {1});
    FakeKesServer.Request second = server.lastRequest();
    assertThat(second.method()).isEqualTo("GET");
    assertThat(second.body()).isEmpty();
  }

  @Test
  void aTemporaryRedirectKeepsMethodAndBody() throws Exception {
    server.handle((r, x) -> r.rawPath().equals("/v1/key/encrypt/k")
        ? Response.redirect(307, "/v1/key/encrypt/k/")
        : Response.json(200, "{\"ciphertext\":\"\"}"));
    client.encrypt("k", new byte[] {1});
    assertThat(server.requests()).extracting(FakeKesServer.Request::method).containsExactly("POST", "POST");
    assertThat(server.requests().get(1).bodyText()).isEqualTo(server.requests().get(0).bodyText()).isNotEmpty();
  }

  @Test
  void redirectLoopsEndAfterTenRedirects() {
    server.respond(Response.redirect(307, "/v1/status"));
    assertThatThrownBy(client::status).isInstanceOf(ResponseFormatException.class)
        .hasMessageEndingWith("/v1/status: stopped after 10 redirects");
    assertThat(server.requests()).hasSize(11);
  }

  @Test
  void redirectsToAnotherServerAreNotFollowed() {
    server.respond(Response.redirect(302, "https://evil.example/v1/status"));
    assertThatThrownBy(client::status).isInstanceOf(ResponseFormatException.class)
        .hasMessageContaining("redirected to another server (https://evil.example/v1/status); not followed");
  }

  @Test
  void aRedirectWithoutLocationIsAnUnexpectedStatus() {
    server.respond(Response.empty(308));
    assertThatThrownBy(client::status).hasMessageContaining("unexpected status 308");
  }

  @Test
  void serviceUnavailableIsRetriedTwiceWithTheBodyResent() throws Exception {
    AtomicInteger n = new AtomicInteger();
    server.handle((r, x) -> n.incrementAndGet() < 3
        ? Response.error(503, "busy")
        : Response.json(200, "{\"ciphertext\":\"\"}"));
    client.encrypt("k", "secret".getBytes(StandardCharsets.UTF_8));
    assertThat(server.requests()).hasSize(3);
    assertThat(server.requests()).extracting(FakeKesServer.Request::bodyText).containsOnly(server.lastRequest().bodyText());
    assertThat(sleeper.pauses).hasSize(2).allSatisfy(d ->
        assertThat(d).isBetween(Duration.ofMillis(200), Duration.ofMillis(999)));
  }

  @Test
  void afterTwoRetriesTheLastAnswerIsTheError() {
    server.respond(Response.error(503, "busy"));
    assertThatThrownBy(client::status).isInstanceOf(ApiException.class).hasMessage("busy");
    assertThat(server.requests()).hasSize(3);
    assertThat(sleeper.pauses).hasSize(2);
  }

  @Test
  void otherErrorsAreNotRetried() {
    server.respond(Response.error(500, "failed to read key"));
    assertThatThrownBy(() -> client.describeKey("k")).isInstanceOf(ApiException.class);
    assertThat(server.requests()).hasSize(1);
    assertThat(sleeper.pauses).isEmpty();
  }

  @Test
  void connectionRefusedNamesTheEndpointAndIsRetried() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    try (KesClient c = TestKeys.client(transport(), server, sleeper).endpoints("127.0.0.1:" + port).build()) {
      assertThatThrownBy(c::version)
          .isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.reason()).isEqualTo(TransportException.Reason.CONNECTION_REFUSED);
            assertThat(e.endpoint()).hasToString("https://127.0.0.1:" + port);
          })
          .hasMessageStartingWith("kes: cannot reach https://127.0.0.1:" + port + ": connection refused");
    }
    assertThat(sleeper.pauses).hasSize(2);
  }

  @Test
  void anUntrustedServerIsATlsVerificationFailureAndNotRetried() {
    try (KesClient c = TestKeys.client(transport(), server, sleeper).serverTrust(ServerTrust.systemRoots()).build()) {
      assertThatThrownBy(c::version)
          .isInstanceOfSatisfying(TransportException.class, e ->
              assertThat(e.reason()).isEqualTo(TransportException.Reason.TLS_VERIFICATION))
          .hasMessageContaining("TLS verification failed");
    }
    assertThat(sleeper.pauses).isEmpty();
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aCertificateForAnotherHostFailsVerificationUnlessInsecure() throws Exception {
    try (FakeKesServer other = FakeKesServer.start(List.of("kes.example"), List.of())) {
      other.respond(Response.json(200, "{\"version\":\"v\"}"));
      try (KesClient c = TestKeys.client(transport(), other, sleeper).build()) {
        assertThatThrownBy(c::version).isInstanceOfSatisfying(TransportException.class, e ->
            assertThat(e.reason()).isEqualTo(TransportException.Reason.TLS_VERIFICATION));
      }
      try (KesClient c = TestKeys.client(transport(), other, sleeper).serverTrust(ServerTrust.insecure()).build()) {
        assertThat(c.version().version()).isEqualTo("v");
      }
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        KesClient c = TestKeys.client(transport(), server, sleeper)
            .endpoints("127.0.0.1:" + silent.getLocalPort())
            .callTimeout(Duration.ofMillis(300))
            .retryPolicy(RetryPolicy.NONE)
            .build()) {
      assertThatThrownBy(c::version).isInstanceOfSatisfying(TransportException.class, e ->
          assertThat(e.reason()).isEqualTo(TransportException.Reason.TIMEOUT))
          .hasMessageContaining("timed out");
    }
  }

  @Test
  void anInterruptedRetryPauseStopsTheCall() {
    server.respond(Response.error(503, "busy"));
    try (KesClient c = TestKeys.client(transport(), server, d -> {
          throw new InterruptedException();
        }).build()) {
      assertThatThrownBy(c::status).isInstanceOfSatisfying(TransportException.class, e ->
          assertThat(e.reason()).isEqualTo(TransportException.Reason.INTERRUPTED));
      assertThat(Thread.interrupted()).isTrue(); // the flag was restored (and is cleared here)
    }
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void failoverParksTheFailingEndpoint() throws Exception {
    TestClock clock = new TestClock();
    try (FakeKesServer good = FakeKesServer.start()) {
      server.respond(Response.error(502, "failed to read key"));
      good.respond(Response.json(200, "{\"version\":\"good\"}"));
      try (KesClient c = TestKeys.client(transport(), server, sleeper)
          .endpoints(List.of(server.endpoint(), good.endpoint()))
          .serverTrust(ServerTrust.certificates(List.of(server.certificate(), good.certificate())))
          .clock(clock)
          .build()) {
        assertThat(c.version().version()).isEqualTo("good");
        assertThat(c.isParked(server.endpoint())).isTrue();
        assertThat(c.version().version()).isEqualTo("good");
        assertThat(server.requests()).hasSize(1); // parked: not asked again
        clock.advance(EndpointHealth.PARK_TIME);
        assertThat(c.version().version()).isEqualTo("good");
        assertThat(server.requests()).hasSize(2); // the probe
      }
    }
  }
}
