package org.openkes.core.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.core.config.ConfigException;
import org.openkes.core.config.ServerConfigLoader;
import org.openkes.core.keystore.fs.FsKeyStore;

class KeyStoresTest {
  @TempDir Path tmp;
  private final KeyStores registry = KeyStores.fromClassPath();

  private KeyStore open(String yaml) throws Exception {
    return registry.open(ServerConfigLoader.parseKeystore("test.yml", yaml, Map.of("DIR", tmp.resolve("keys").toString())::get));
  }

  @Test
  void findsTheFsProviderThroughServiceLoader() throws Exception {
    assertThat(registry.types()).contains("fs");
    try (KeyStore s = open("keystore:\n  fs:\n    path: ${DIR}\n")) {
      assertThat(s).isInstanceOf(FsKeyStore.class);
      assertThat(s.description()).isEqualTo("Filesystem " + tmp.resolve("keys"));
    }
    // Like real KES, substitution replaces the whole value only: this path is literal.
    try (KeyStore s = open("keystore:\n  fs:\n    path: " + tmp + "/x-${DIR}\n")) {
      assertThat(s.description()).endsWith("/x-${DIR}");
    }
  }

  @Test
  void errorsAreKesMessagesWithTheLine() {
    assertThatThrownBy(() -> open("keystore:\n  fs:\n    path: \"\"\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("test.yml:3")
        .hasMessageContaining("kesconf: invalid fs keystore: no path specified");
    assertThatThrownBy(() -> open("keystore:\n  fs:\n    path: /a\n  vault:\n    endpoint: http://x\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kesconf: invalid keystore config: more than once keystore specified");
    assertThatThrownBy(() -> open("keystore:\n  gcp:\n    secretmanager:\n      project_id: p\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("keystore 'gcp.secretmanager' is not supported by this build");
    assertThatThrownBy(() -> open("keystore:\n  redis:\n    addr: x\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown keystore 'redis'");
  }
}
