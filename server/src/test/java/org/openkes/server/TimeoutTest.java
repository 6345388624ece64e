package org.openkes.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
        .api("/v1/key/describe/", Duration.ofSeconds(1), false).start();
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
}
