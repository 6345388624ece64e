package org.openkes.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.openkes.core.keystore.FaultyKeyStore;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.core.keystore.mem.InMemoryKeyStore;

/** {@link KesServer#reload}: what SIGHUP does (kes-compat.md §4.9). */
class ReloadTest {
  @Test
  void reloadSwitchesPoliciesRoutesKeystoreAndCreatesPredefinedKeys() throws Exception {
    TestCerts.Client app = TestCerts.ecdsa();
    AtomicBoolean oldClosed = new AtomicBoolean();
    FaultyKeyStore first = new FaultyKeyStore(new InMemoryKeyStore(), "first") {
      @Override
      public void close() {
        oldClosed.set(true);
      }
    };
    TestServer.Builder b = TestServer.builder().keystore(first).keys("predefined-1");
    try (TestServer s = b.start()) {
      TestClient admin = s.adminClient();
      assertThat(admin.get("/v1/key/describe/predefined-1").body())
          .contains("\"created_by\":\"" + s.admin.identity().value() + "\"");
      assertThat(s.client(app).get("/v1/status").status()).isEqualTo(403);
      int port = s.server.port();

      InMemoryKeyStore second = new InMemoryKeyStore();
      ServerSpec next = b.keystore(second).keys("predefined-2")
          .policy("ops", List.of("/v1/status"), List.of(), app)
          .api("/v1/status", Duration.ofSeconds(7), false)
          .spec();
      s.server.reload(next);

      assertThat(oldClosed).isTrue();
      assertThat(s.server.port()).isEqualTo(port);
      assertThat(s.client(app).get("/v1/status").status()).isEqualTo(200);
      assertThat(admin.get("/v1/api").body()).contains("\"path\":\"/v1/status\",\"max_body\":0,\"timeout\":7");
      assertThat(admin.get("/v1/key/list/").body()).isEqualTo("{\"names\":[\"predefined-2\"]}\n");
      assertThat(second.get("predefined-2")).isNotEmpty();
    }
  }

  @Test
  void aFailedReloadKeepsTheOldConfiguration() throws Exception {
    TestServer.Builder b = TestServer.builder();
    try (TestServer s = b.start()) {
      s.adminClient().post("/v1/key/create/kept", "");
      FaultyKeyStore broken = new FaultyKeyStore(new InMemoryKeyStore(), "broken")
          .withFault((op, name) -> new KeyStoreException.Failure("disk on fire", null));
      ServerSpec bad = b.keystore(broken).keys("must-create").spec();
      assertThatThrownBy(() -> s.server.reload(bad)).isInstanceOf(ServerException.class)
          .hasMessage("failed to create predefined key 'must-create': disk on fire");
      assertThat(s.adminClient().get("/v1/key/describe/kept").status()).isEqualTo(200);
    }
  }

  @Test
  void predefinedKeyFailureAbortsStartup() {
    FaultyKeyStore broken = new FaultyKeyStore(new InMemoryKeyStore(), "broken")
        .withFault((op, name) -> new KeyStoreException.Unreachable("no route to host", null));
    assertThatThrownBy(() -> TestServer.builder().keystore(broken).keys("k").start())
        .isInstanceOf(ServerException.class)
        .hasMessage("failed to create predefined key 'k': no route to host");
  }

  @Test
  void existingPredefinedKeysAreKept() throws Exception {
    InMemoryKeyStore store = new InMemoryKeyStore();
    store.create("k", "old".getBytes());
    try (TestServer s = TestServer.builder().keystore(store).keys("k").start()) {
      assertThat(new String(store.get("k"))).isEqualTo("old");
    }
  }

  @Test
  void portInUseIsAOneLineError() throws Exception {
    try (TestServer s = TestServer.start()) {
      ServerSpec any = TestServer.builder().spec();
      ServerSpec clash = new ServerSpec(new ListenAddress("127.0.0.1", s.server.port()),
          any.tls(), any.admin(), any.policies(), any.api(), any.cache(), any.log(), any.keys(),
          any.keystore());
      assertThatThrownBy(() -> KesServer.start(clash, Environment.system(TestServer.BUILD)))
          .isInstanceOf(ServerException.class)
          .hasMessage("listen tcp 127.0.0.1:" + s.server.port()
              + ": bind: address already in use");
    }
  }
}
