package org.openkes.keystores.vault;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.openkes.core.config.MapSection;

/** Builds {@code keystore.vault} sections for the tests and opens stores with short timeouts. */
final class TestStores {
  private TestStores() {}

  /** Short timeouts so that outage tests do not wait for the production defaults. */
  static final VaultClient.Options FAST = new VaultClient.Options(Duration.ofSeconds(1), Duration.ofSeconds(3), 2, Duration.ofMillis(50));

  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** A prefix no other test uses. */
  static String uniquePrefix(String what) {
    return what + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
  }

  /** {@code keystore.vault} with AppRole {@code kes} on {@code engine} (K/V {@code version}). */
  static Map<String, Object> appRole(OpenBaoExtension bao, String engine, String version, String prefix) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("endpoint", bao.server().address().toString());
    m.put("engine", engine);
    m.put("version", version);
    m.put("prefix", prefix);
    m.put("approle", Map.of("id", bao.kes().roleId(), "secret", bao.kes().secretId()));
    return m;
  }

  static VaultKeyStore open(Map<String, ?> vault) throws Exception {
    return VaultKeyStore.open(VaultConfig.parse(MapSection.of(vault)), FAST);
  }

  static VaultKeyStore open(Map<String, ?> vault, VaultClient.Options options) throws Exception {
    return VaultKeyStore.open(VaultConfig.parse(MapSection.of(vault)), options);
  }
}
