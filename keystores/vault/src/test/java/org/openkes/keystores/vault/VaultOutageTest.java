package org.openkes.keystores.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openkes.core.keystore.KeyStoreContract.value;

import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openkes.core.keystore.KeyStoreException;

/**
 * A Vault that goes away for real: a persistent OpenBao (Raft storage) is stopped (connections
 * refused), started again (sealed, as every real Vault after a restart) and unsealed; the
 * keystore reports each state as "unreachable" and recovers without being reopened. (Frozen,
 * i.e. timing out, is in the contract tests; sealed in place in {@link VaultKeyStoreTest}.)
 */
@Timeout(300)
class VaultOutageTest {
  private static OpenBao server;
  private static OpenBao.AppRoleCreds kes;

  @BeforeAll
  static void start() throws Exception {
    OpenBaoExtension.requireBao(VaultOutageTest.class);
    server = OpenBao.persistent();
    server.enableKv("kv", 2);
    server.enableAuth("approle", "approle");
    server.policy("kes", OpenBaoExtension.KES_POLICY);
    kes = server.appRole("approle", "kes", OpenBao.map("token_policies", "kes", "token_ttl", "1h"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static Map<String, Object> config(String endpoint) {
    return Map.of("endpoint", endpoint, "engine", "kv", "version", "v2",
        "approle", Map.of("id", kes.roleId(), "secret", kes.secretId()));
  }

  @Test
  void aStoppedVaultIsUnreachableAndTheStoreRecoversAfterRestartAndUnseal() throws Exception {
    try (VaultKeyStore s = TestStores.open(config(server.address().toString()))) {
      s.create("k", value(1));
      server.stop();
      assertThatThrownBy(s::status).isInstanceOf(KeyStoreException.Unreachable.class)
          .hasMessageStartingWith("vault: cannot reach " + server.address())
          .hasMessageContaining("connection refused");
      assertThatThrownBy(() -> s.get("k")).isInstanceOf(KeyStoreException.Unreachable.class);
      assertThatThrownBy(() -> s.create("k2", value(2))).isInstanceOf(KeyStoreException.Unreachable.class);
      assertThatThrownBy(() -> s.delete("k")).isInstanceOf(KeyStoreException.Unreachable.class);
      assertThatThrownBy(() -> s.list("", null, 10)).isInstanceOf(KeyStoreException.Unreachable.class);

      server.start(); // a restarted Vault is sealed
      assertThatThrownBy(s::status).isInstanceOf(KeyStoreException.Unreachable.class)
          .hasMessage("vault: key store is sealed");
      assertThatThrownBy(() -> s.get("k")).isInstanceOf(KeyStoreException.Unreachable.class)
          .hasMessage("vault: key store is sealed");

      server.unseal();
      s.status();
      assertThat(s.get("k")).isEqualTo(value(1));
      s.create("k2", value(2));
      assertThat(s.listAll("")).containsExactly("k", "k2");
    }
  }

  @Test
  void openingAgainstNoVaultNamesTheEndpoint() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + port;
    assertThatThrownBy(() -> TestStores.open(config(endpoint))).isInstanceOf(KeyStoreException.Unreachable.class)
        .hasMessage("vault: cannot reach " + endpoint + " (POST /v1/auth/approle/login): connection refused");
  }

  @Test
  void anUninitialisedVaultIsUnreachable() throws Exception {
    try (OpenBao fresh = OpenBao.persistent(false)) {
      assertThatThrownBy(() -> TestStores.open(config(fresh.address().toString())))
          .isInstanceOf(KeyStoreException.Unreachable.class)
          .hasMessage("vault: not initialized");
    }
  }
}
