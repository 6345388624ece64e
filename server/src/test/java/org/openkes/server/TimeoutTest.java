package org.openkes.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openkes.core.keystore.FaultyKeyStore;
import org.openkes.core.keystore.mem.InMemoryKeyStore;

/**
 * A route that overruns its timeout is torn down like real KES's write deadline does it: the
 * client sees a transport error, never a status, and the server goes on serving.
 */
class TimeoutTest {
  static final CountDownLatch release = new CountDownLatch(1);
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    FaultyKeyStore store = new FaultyKeyStore(new InMemoryKeyStore(), "stuck")
        .withFault((op, name) -> {
          if (op.equals("get") && name.startsWith("stuck")) {
            try {
              release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return null;
        });
    server = TestServer.builder().keystore(store)
        .api("/v1/key/describe/", Duration.ofSeconds(1), false)
        .api("/v1/key/encrypt/", Duration.ofSeconds(1), false).start();
  }

  @AfterAll
  static void stop() {
    release.countDown();
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP_1_1", "HTTP_2"})
  void overrunIsATransportError(String version) throws Exception {
    TestClient c = server.client(server.admin, HttpClient.Version.valueOf(version), null);
    assertThat(c.post("/v1/key/create/stuck-" + version, "").status()).isEqualTo(200);
    assertThatThrownBy(() -> c.get("/v1/key/describe/stuck-" + version))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(java.net.http.HttpTimeoutException.class);
    // Same client, same server: still served.
    assertThat(c.get("/v1/status").status()).isEqualTo(200);
    assertThat(c.post("/v1/key/create/fine-" + version, "").status()).isEqualTo(200);
    assertThat(c.get("/v1/key/describe/fine-" + version).status()).isEqualTo(200);
  }

  /**
   * A key operation's body is gathered without blocking a thread (KesHandler answers it where it
   * was read); the route's timeout still cuts off a client that never sends it, with the key
   * cached or not, long before the 90 s idle timeout.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aBodyThatNeverComesIsCutOffByTheTimeoutOverHttp1(boolean cached) throws Exception {
    String key = "silent-h1-" + cached;
    TestClient c = server.adminClient();
    assertThat(c.post("/v1/key/create/" + key, "").status()).isEqualTo(200);
    if (cached) {
      assertThat(c.post("/v1/key/encrypt/" + key, "{\"plaintext\":\"aGk=\"}").status())
          .isEqualTo(200);
    }
    assertThat(server.server.keyCache().isCached(key)).isEqualTo(cached);
    try (SSLSocket socket = RawHttps.connect(server, server.admin)) {
      socket.getOutputStream().write(("POST /v1/key/encrypt/" + key + " HTTP/1.1\r\n"
          + "Host: 127.0.0.1\r\nContent-Length: 40\r\n\r\n{\"plaintext\":")
          .getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      long t0 = System.nanoTime();
      String reply;
      try {
        reply = RawHttps.readAll(socket); // until the server closes the connection
      } catch (IOException e) {
        reply = ""; // reset
      }
      assertThat(reply).isEmpty(); // no status: a transport error, as real KES's deadline
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }
    assertThat(c.get("/v1/status").status()).isEqualTo(200);
  }

  @Test
  void aBodyThatNeverComesIsCutOffByTheTimeoutOverHttp2() throws Exception {
    TestClient c = server.client(server.admin, HttpClient.Version.HTTP_2, null);
    assertThat(c.post("/v1/key/create/silent-h2", "").status()).isEqualTo(200);
    assertThat(c.post("/v1/key/encrypt/silent-h2", "{\"plaintext\":\"aGk=\"}").status())
        .isEqualTo(200); // cached: answered where its body is read
    HttpRequest request = HttpRequest.newBuilder(c.uri("/v1/key/encrypt/silent-h2"))
        .POST(HttpRequest.BodyPublishers.fromPublisher(s -> s.onSubscribe(new Flow.Subscription() {
          @Override
          public void request(long n) {} // never sends a byte, never ends

          @Override
          public void cancel() {}
        })))
        .timeout(Duration.ofSeconds(20)).build();
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> c.http().send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(java.net.http.HttpTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    assertThat(c.post("/v1/key/encrypt/silent-h2", "{\"plaintext\":\"aGk=\"}").status())
        .isEqualTo(200); // the connection's other streams go on
  }
}
