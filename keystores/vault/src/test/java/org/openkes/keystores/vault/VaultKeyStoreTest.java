package org.openkes.keystores.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openkes.core.keystore.KeyStoreContract.value;
import static org.openkes.keystores.vault.OpenBao.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openkes.core.key.KeyVersionCodec;
import org.openkes.core.keystore.KeyStoreException;

/**
 * What is particular to Vault, against a real OpenBao: the exact layout real KES uses (so
 * either can read the other's keys), K/V v2 versions, transit (including a rotated key), prefix
 * isolation, folders, malformed entries, permissions and a sealed Vault.
 */
@Timeout(120)
class VaultKeyStoreTest {
  @RegisterExtension static final OpenBaoExtension BAO = new OpenBaoExtension();

  /** A value exactly as real KES writes it (kes-compat.md §5.3). */
  static final String KES_VALUE = "CiQKIMiHG7XrN94FuwblJJor4f7f6rbqAl7DwsLaiIoyz0D2EAESJAognLXl4yqa4cjZTcSbsU6sNnN8kP9ARWkXwa20YQZa9HgQARoMCNithK0GEID67qYDIkAzZWNmY2RmMzhmY2JlMTQxYWUyNmExMDMwZjgxZTk2Yjc1MzM2NWE0Njc2MGFlNmI1Nzg2OThhOTdjNTlmZDIy";

  private static OpenBao bao() {
    return BAO.server();
  }

  private static VaultKeyStore store(String engine, String version, String prefix) throws Exception {
    return TestStores.open(TestStores.appRole(BAO, engine, version, prefix));
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.US_ASCII);
  }

  @Test
  void kv1LayoutIsRealKesLayout() throws Exception {
    String prefix = TestStores.uniquePrefix("layout1");
    try (VaultKeyStore s = store("kv", "v1", prefix)) {
      s.create("my-key", value(1));
      OpenBao.Answer raw = bao().read("kv/" + prefix + "/my-key");
      assertThat(raw.status()).isEqualTo(200);
      // One field, named after the key, holding the value as a string: nothing else.
      assertThat(raw.data().size()).isEqualTo(1);
      assertThat(raw.data().path("my-key").asText()).isEqualTo(text(value(1)));
      s.delete("my-key");
      assertThat(bao().read("kv/" + prefix + "/my-key").status()).isEqualTo(404);
    }
  }

  @Test
  void kv2LayoutIsRealKesLayout() throws Exception {
    String prefix = TestStores.uniquePrefix("layout2");
    try (VaultKeyStore s = store("kv2", "v2", prefix)) {
      s.create("my-key", value(2));
      OpenBao.Answer raw = bao().read("kv2/data/" + prefix + "/my-key");
      assertThat(raw.status()).isEqualTo(200);
      assertThat(raw.data().path("data").size()).isEqualTo(1);
      assertThat(raw.data().path("data").path("my-key").asText()).isEqualTo(text(value(2)));
      assertThat(raw.data().path("metadata").path("version").asInt()).isEqualTo(1);
      s.delete("my-key");
      // All versions and the metadata are gone, so the name is free for a cas=0 write again.
      assertThat(bao().read("kv2/metadata/" + prefix + "/my-key").status()).isEqualTo(404);
    }
  }

  @Test
  void readsKeysWrittenTheWayRealKesWritesThem() throws Exception {
    String prefix = TestStores.uniquePrefix("kes-written");
    // Real KES's exact requests (keystores.md §4.3), made with another client.
    bao().admin("PUT", "kv/" + prefix + "/kes-key", Map.of("kes-key", KES_VALUE));
    bao().admin("PUT", "kv2/data/" + prefix + "/kes-key", Map.of("options", Map.of("cas", 0), "data", Map.of("kes-key", KES_VALUE)));
    for (VaultKeyStore s : List.of(store("kv", "v1", prefix), store("kv2", "v2", prefix))) {
      try (s) {
        assertThat(text(s.get("kes-key"))).isEqualTo(KES_VALUE);
        assertThat(KeyVersionCodec.decode(s.get("kes-key")).createdBy()).startsWith("3ecfcdf3");
        assertThat(s.listAll("")).containsExactly("kes-key");
        assertThatThrownBy(() -> s.create("kes-key", value(3))).isInstanceOf(KeyStoreException.KeyExists.class);
      }
    }
  }

  @Test
  void kv2ReadsVersionOneLikeRealKes() throws Exception {
    String prefix = TestStores.uniquePrefix("versions");
    try (VaultKeyStore s = store("kv2", "v2", prefix)) {
      s.create("k", value(1));
      // Someone overwrites the entry out of band: KES keeps serving the original material.
      bao().admin("PUT", "kv2/data/" + prefix + "/k", Map.of("data", Map.of("k", text(value(9)))));
      assertThat(bao().read("kv2/data/" + prefix + "/k").data().path("metadata").path("version").asInt()).isEqualTo(2);
      assertThat(s.get("k")).isEqualTo(value(1));
      assertThatThrownBy(() -> s.create("k", value(3))).isInstanceOf(KeyStoreException.KeyExists.class);
    }
  }

  @Test
  void kv2CreatesAreAtomicAcrossKeystoreInstances() throws Exception {
    // Two KES servers on one Vault: no in-process lock helps them, only K/V v2's check-and-set.
    String prefix = TestStores.uniquePrefix("two-servers");
    try (VaultKeyStore one = store("kv2", "v2", prefix); VaultKeyStore two = store("kv2", "v2", prefix)) {
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
      try {
        for (int round = 0; round < 5; round++) {
          String name = "race-" + round;
          java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
          java.util.concurrent.atomic.AtomicInteger wins = new java.util.concurrent.atomic.AtomicInteger();
          java.util.concurrent.atomic.AtomicInteger winner = new java.util.concurrent.atomic.AtomicInteger(-1);
          List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
          for (int t = 0; t < 16; t++) {
            int id = t;
            VaultKeyStore s = t % 2 == 0 ? one : two;
            futures.add(pool.submit(() -> {
              go.await();
              try {
                s.create(name, value(id));
                wins.incrementAndGet();
                winner.set(id);
              } catch (KeyStoreException.KeyExists e) {
                // lost the race: expected for all but one
              }
              return null;
            }));
          }
          go.countDown();
          for (java.util.concurrent.Future<?> f : futures) {
            f.get();
          }
          assertThat(wins.get()).as("winners of %s", name).isEqualTo(1);
          assertThat(one.get(name)).isEqualTo(value(winner.get()));
          assertThat(two.get(name)).isEqualTo(value(winner.get()));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aKv2EntryWhoseVersionWasDeletedIsNeitherThereNorFree() throws Exception {
    String prefix = TestStores.uniquePrefix("soft-deleted");
    try (VaultKeyStore s = store("kv2", "v2", prefix)) {
      s.create("k", value(1));
      bao().admin("DELETE", "kv2/data/" + prefix + "/k", null); // "bao kv delete": the latest version only
      assertThatThrownBy(() -> s.get("k")).isInstanceOf(KeyStoreException.Failure.class)
          .hasMessage("vault: failed to read 'kv2/data/" + prefix + "/k': version 1 of the entry is deleted;"
              + " undelete it (or delete the key's metadata)");
      assertThatThrownBy(() -> s.create("k", value(2))).isInstanceOf(KeyStoreException.Failure.class)
          .hasMessageContaining("its latest version is deleted");
      bao().admin("POST", "kv2/undelete/" + prefix + "/k", Map.of("versions", List.of(1)));
      assertThat(s.get("k")).isEqualTo(value(1));
      s.delete("k");
      assertThatThrownBy(() -> s.get("k")).isInstanceOf(KeyStoreException.KeyNotFound.class);
      s.create("k", value(3));
      assertThat(s.get("k")).isEqualTo(value(3));
    }
  }

  @Test
  void prefixesIsolateKeystoresInOneMount() throws Exception {
    String base = TestStores.uniquePrefix("tenants");
    try (VaultKeyStore a = store("kv", "v1", base + "/a");
        VaultKeyStore b = store("kv", "v1", base + "/b");
        VaultKeyStore parent = store("kv", "v1", base)) {
      a.create("shared-name", value(1));
      b.create("shared-name", value(2));
      a.create("only-a", value(3));
      assertThat(a.get("shared-name")).isEqualTo(value(1));
      assertThat(b.get("shared-name")).isEqualTo(value(2));
      assertThat(a.listAll("")).containsExactly("only-a", "shared-name");
      assertThat(b.listAll("")).containsExactly("shared-name");
      assertThatThrownBy(() -> b.get("only-a")).isInstanceOf(KeyStoreException.KeyNotFound.class);
      // The parent sees the folders "a/" and "b/": they are not keys (real KES lists them).
      parent.create("top", value(4));
      assertThat(bao().call("GET", "kv/" + base + "?list=true", null, bao().rootToken()).data().path("keys").toString())
          .contains("a/", "b/", "top");
      assertThat(parent.listAll("")).containsExactly("top");
      b.delete("shared-name");
      assertThat(a.get("shared-name")).isEqualTo(value(1));
    }
  }

  @Test
  void transitWrapsValuesAsVaultCiphertexts() throws Exception {
    String prefix = TestStores.uniquePrefix("wrapped");
    Map<String, Object> cfg = TestStores.appRole(BAO, "kv", "v1", prefix);
    cfg.put("transit", Map.of("key", "kes"));
    try (VaultKeyStore s = TestStores.open(cfg)) {
      s.create("k", value(5));
      String stored = bao().read("kv/" + prefix + "/k").data().path("k").asText();
      assertThat(stored).startsWith("vault:v1:").doesNotContain(text(value(5)));
      JsonNode plain = bao().admin("POST", "transit/decrypt/kes", Map.of("ciphertext", stored)).data();
      assertThat(Base64.getDecoder().decode(plain.path("plaintext").asText())).isEqualTo(value(5));
      assertThat(s.get("k")).isEqualTo(value(5));
    }
    // Without transit configured, such a value is an error, not garbage handed on (as in KES).
    try (VaultKeyStore plain = store("kv", "v1", prefix)) {
      assertThatThrownBy(() -> plain.get("k")).isInstanceOf(KeyStoreException.Failure.class)
          .hasMessageContaining("key is encrypted with vault transit key");
    }
  }

  @Test
  void aRotatedTransitKeyKeepsWorking() throws Exception {
    bao().admin("POST", "transit/keys/rotating", Map.of());
    String prefix = TestStores.uniquePrefix("rotated");
    Map<String, Object> cfg = TestStores.appRole(BAO, "kv2", "v2", prefix);
    cfg.put("transit", Map.of("key", "rotating"));
    try (VaultKeyStore s = TestStores.open(cfg)) {
      s.create("before", value(1));
      bao().admin("POST", "transit/keys/rotating/rotate", null);
      bao().admin("POST", "transit/keys/rotating/rotate", null);
      // Real KES fails every create from here on ("invalid vault response").
      s.create("after", value(2));
      assertThat(bao().read("kv2/data/" + prefix + "/before").data().path("data").path("before").asText()).startsWith("vault:v1:");
      assertThat(bao().read("kv2/data/" + prefix + "/after").data().path("data").path("after").asText()).startsWith("vault:v3:");
      assertThat(s.get("before")).isEqualTo(value(1));
      assertThat(s.get("after")).isEqualTo(value(2));
    }
  }

  @Test
  void malformedEntriesAreClearErrors() throws Exception {
    String prefix = TestStores.uniquePrefix("malformed");
    bao().admin("PUT", "kv/" + prefix + "/k", Map.of("other-field", "x"));
    bao().admin("PUT", "kv/" + prefix + "/n", Map.of("n", 42));
    try (VaultKeyStore s = store("kv", "v1", prefix)) {
      assertThatThrownBy(() -> s.get("k")).isInstanceOf(KeyStoreException.Failure.class)
          .hasMessage("vault: failed to read 'kv/" + prefix + "/k': entry exists but no secret key is present");
      assertThatThrownBy(() -> s.create("k", value(1))).isInstanceOf(KeyStoreException.Failure.class)
          .hasMessage("vault: entry exist but failed to read 'kv/" + prefix + "/k': invalid K/V v1 format");
      assertThatThrownBy(() -> s.get("n")).isInstanceOf(KeyStoreException.Failure.class)
          .hasMessage("vault: failed to read 'kv/" + prefix + "/n': invalid K/V format");
    }
  }

  @Test
  void aMissingPermissionIsAClearFailure() throws Exception {
    bao().policy("narrow", "path \"kv/allowed/*\" { capabilities = [\"create\", \"read\", \"update\", \"delete\", \"list\"] }");
    OpenBao.AppRoleCreds narrow = bao().appRole("approle", "narrow", map("token_policies", "narrow", "token_ttl", "10m"));
    Map<String, Object> cfg = TestStores.appRole(BAO, "kv", "v1", "forbidden");
    cfg.put("approle", Map.of("id", narrow.roleId(), "secret", narrow.secretId()));
    try (VaultKeyStore s = TestStores.open(cfg)) {
      assertThatThrownBy(() -> s.create("k", value(1))).isInstanceOf(KeyStoreException.Failure.class)
          .hasMessageContaining("vault: failed to create 'kv/forbidden/k'")
          .hasMessageContaining("permission denied")
          .hasMessageContaining("the Vault token's policy does not allow this").hasMessageContaining("AppRole method");
      assertThatThrownBy(() -> s.list("", null, 10)).isInstanceOf(KeyStoreException.Failure.class)
          .hasMessageContaining("permission denied");
    }
    cfg.put("prefix", "allowed");
    try (VaultKeyStore s = TestStores.open(cfg)) {
      s.create("k", value(1));
      assertThat(s.get("k")).isEqualTo(value(1));
    }
  }

  @Test
  void aSealedVaultIsUnreachableUntilUnsealed() throws Exception {
    String prefix = TestStores.uniquePrefix("sealed");
    try (VaultKeyStore s = store("kv2", "v2", prefix)) {
      s.create("k", value(1));
      bao().seal();
      try {
        assertThatThrownBy(s::status).isInstanceOf(KeyStoreException.Unreachable.class)
            .hasMessage("vault: key store is sealed");
        assertThatThrownBy(() -> s.get("k")).isInstanceOf(KeyStoreException.Unreachable.class)
            .hasMessage("vault: key store is sealed");
        assertThatThrownBy(() -> s.create("k2", value(2))).isInstanceOf(KeyStoreException.Unreachable.class);
        assertThatThrownBy(() -> s.list("", null, 10)).isInstanceOf(KeyStoreException.Unreachable.class);
      } finally {
        bao().unseal();
      }
      s.status(); // the health check sees the unsealed Vault and lifts the block
      assertThat(s.get("k")).isEqualTo(value(1));
      s.create("k2", value(2));
    }
  }

  @Test
  void aSealedVaultIsNoticedByACallBeforeTheHealthCheck() throws Exception {
    String prefix = TestStores.uniquePrefix("sealed-call");
    try (VaultKeyStore s = store("kv", "v1", prefix)) {
      s.create("k", value(1));
      bao().seal();
      try {
        // No status() in between: Vault's own 503 "Vault is sealed" answer is recognised.
        assertThatThrownBy(() -> s.get("k")).isInstanceOf(KeyStoreException.Unreachable.class)
            .hasMessage("vault: key store is sealed");
      } finally {
        bao().unseal();
      }
      s.status();
      assertThat(s.get("k")).isEqualTo(value(1));
    }
  }

  @Test
  void descriptionNamesTheEndpointAndTheMount() throws Exception {
    try (VaultKeyStore s = store("kv2", "v2", "desc/x")) {
      assertThat(s.description()).isEqualTo("Hashicorp Vault: " + bao().address() + " (K/V v2 at kv2/desc/x)");
    }
  }

  @Test
  void redirectsFromAStandbyAreFollowedWithTheBody() throws Exception {
    // A standby without request forwarding answers 307 to the active node, as this stand-in does.
    com.sun.net.httpserver.HttpServer standby = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    String active = bao().address().toString();
    standby.createContext("/", ex -> {
      String target = ex.getRequestURI().getPath().startsWith("/v1/loop") ? "http://127.0.0.1:" + ex.getLocalAddress().getPort() : active;
      ex.getResponseHeaders().add("Location", target + ex.getRequestURI());
      ex.sendResponseHeaders(307, -1);
      ex.close();
    });
    standby.start();
    try {
      Map<String, Object> cfg = TestStores.appRole(BAO, "kv2", "v2", TestStores.uniquePrefix("redirected"));
      cfg.put("endpoint", "http://127.0.0.1:" + standby.getAddress().getPort());
      try (VaultKeyStore s = TestStores.open(cfg)) { // the login (a POST with a body) is redirected too
        s.create("k", value(1));
        assertThat(s.get("k")).isEqualTo(value(1));
        assertThat(s.listAll("")).containsExactly("k");
        s.status();
      }
      cfg.put("engine", "loop"); // this path redirects to the standby itself, forever
      try (VaultKeyStore s = TestStores.open(cfg)) {
        assertThatThrownBy(() -> s.get("k")).isInstanceOf(KeyStoreException.Failure.class)
            .hasMessageContaining("Vault answered with a redirect (HTTP 307)");
      }
    } finally {
      standby.stop(0);
    }
  }

  @Test
  void namesThatWouldLeaveThePrefixAreRejected() throws Exception {
    try (VaultKeyStore s = store("kv", "v1", "names")) {
      for (String bad : List.of("", "a/b", "..", ".")) {
        assertThatThrownBy(() -> s.create(bad, value(1))).isInstanceOf(KeyStoreException.Invalid.class);
      }
    }
  }
}
