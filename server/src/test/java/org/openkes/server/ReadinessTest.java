package org.openkes.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.core.config.ServerConfig;
import org.openkes.core.keystore.FaultyKeyStore;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.core.keystore.fs.FsKeyStore;
import org.openkes.core.keystore.mem.InMemoryKeyStore;

/** {@code /v1/ready}, {@code /v1/status} and offline mode (kes-compat.md §9.3). */
class ReadinessTest {
  static final String UNREACHABLE = "{\"message\":\"key store is not reachable\"\n}";

  @Test
  void fsDirectoryRemovedIs504AndRecovers(@TempDir Path dir) throws Exception {
    Path keys = dir.resolve("keys");
    try (TestServer s = TestServer.builder().keystore(FsKeyStore.open(keys)).start()) {
      TestClient c = s.adminClient();
      assertThat(c.get("/v1/ready").status()).isEqualTo(200);
      assertThat(c.get("/v1/ready").body()).isEmpty();
      assertThat(c.get("/v1/status").body()).containsPattern("\"keystore_latency\":\\d+}\n$")
          .doesNotContain("keystore_unreachable");
      assertThat(c.post("/v1/key/create/before", "").status()).isEqualTo(200);

      delete(keys);
      TestClient.Reply ready = c.get("/v1/ready");
      assertThat(ready.status()).isEqualTo(504);
      assertThat(ready.body()).isEqualTo(UNREACHABLE);
      assertThat(c.get("/v1/status").body()).endsWith(",\"keystore_unreachable\":true}\n")
          .doesNotContain("keystore_latency");
      TestClient.Reply create = c.post("/v1/key/create/during", "");
      assertThat(create.status()).isEqualTo(502);
      assertThat(create.body()).isEqualTo("{\"message\":\"failed to create key\"\n}");
      assertThat(c.get("/v1/key/list/").status()).isEqualTo(502);
      assertThat(c.get("/v1/key/describe/before").status()).isEqualTo(502);
      assertThat(s.stderr()).contains("level=WARN msg=\"fs: directory '" + keys
          + "' does not exist\" req.method=GET req.path=/v1/ready");

      Files.createDirectories(keys);
      assertThat(c.get("/v1/ready").status()).isEqualTo(200);
      assertThat(c.post("/v1/key/create/after", "").status()).isEqualTo(200);
      assertThat(c.get("/v1/key/list/").body()).isEqualTo("{\"names\":[\"after\"]}\n");
    }
  }

  @Test
  void otherKeystoreErrorsAre502() throws Exception {
    FaultyKeyStore store = new FaultyKeyStore(new InMemoryKeyStore(), "faulty")
        .withFault((op, name) -> op.equals("status")
            ? new KeyStoreException.Failure("vault: permission denied", null) : null);
    try (TestServer s = TestServer.builder().keystore(store).start()) {
      TestClient.Reply r = s.adminClient().get("/v1/ready");
      assertThat(r.status()).isEqualTo(502);
      assertThat(r.body()).isEqualTo("{\"message\":\"key store is unavailable\"\n}");
    }
  }

  @Test
  void offlineModeServesCachedKeysWhileNotReady() throws Exception {
    boolean[] down = {false};
    FaultyKeyStore store = new FaultyKeyStore(new InMemoryKeyStore(), "flaky")
        .withFault((op, name) -> down[0]
            ? new KeyStoreException.Unreachable("connection refused", null) : null);
    ServerConfig.Cache cache = new ServerConfig.Cache(Duration.ofMinutes(5),
        Duration.ofSeconds(30), Duration.ofHours(1));
    try (TestServer s = TestServer.builder().keystore(store).cache(cache).start()) {
      TestClient c = s.adminClient();
      c.post("/v1/key/create/k", "");
      assertThat(c.post("/v1/key/generate/k", "{}").status()).isEqualTo(200);

      down[0] = true;
      s.ticker.advance(Duration.ofSeconds(10)); // the health check notices
      assertThat(c.get("/v1/ready").status()).isEqualTo(504);
      assertThat(c.get("/v1/ready").body()).isEqualTo(UNREACHABLE);
      assertThat(c.get("/v1/status").body()).contains("\"keystore_unreachable\":true");
      s.ticker.advance(Duration.ofMinutes(30)); // normal flushes are suspended while offline
      assertThat(c.post("/v1/key/generate/k", "{}").status()).isEqualTo(200);
      assertThat(c.post("/v1/key/generate/unknown", "{}").status()).isEqualTo(502);

      down[0] = false;
      assertThat(c.get("/v1/ready").status()).as("offline until the next check").isEqualTo(504);
      s.ticker.advance(Duration.ofSeconds(10));
      assertThat(c.get("/v1/ready").status()).isEqualTo(200);
    }
  }

  private static void delete(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
