package org.openkes.keystores.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openkes.core.keystore.KeyStoreContract.value;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.core.config.ServerConfigLoader;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStores;
import org.openkes.core.keystore.fs.FsKeyStore;
import org.openkes.core.migrate.Migration;
import org.openkes.core.migrate.MigrationListener;
import org.openkes.core.migrate.MigrationOptions;
import org.openkes.core.migrate.MigrationReport;
import org.openkes.core.migrate.Outcome;
import org.openkes.core.migrate.PreflightException;

/**
 * {@code kes migrate} with Vault on either side, through the path the CLI takes: KES config
 * files, the {@code keystore:} section, {@link KeyStores#fromClassPath()} (ServiceLoader), and
 * core's migration engine (plan, copy, verify, report). Against a real OpenBao.
 */
@Timeout(300)
class VaultMigrationTest {
  @RegisterExtension static final OpenBaoExtension BAO = new OpenBaoExtension();
  @TempDir Path tmp;

  /** More than real KES's 1,024-name page, which its migrate silently stops at. */
  private static final int KEYS = 1_300;

  private Path fsConfig(Path dir) throws Exception {
    return Files.writeString(tmp.resolve("fs-" + dir.getFileName() + ".yml"), """
        address: 0.0.0.0:7373
        admin:
          identity: disabled
        tls:
          key: ./does-not-matter.key
          cert: ./does-not-matter.crt
        keystore:
          fs:
            path: %s
        """.formatted(dir));
  }

  /** A Vault keystore config with the credentials in environment variables, as users write it. */
  private Path vaultConfig(String name, String engine, String version, String prefix, boolean transit) throws Exception {
    return Files.writeString(tmp.resolve(name + ".yml"), """
        keystore:
          vault:
            endpoint: ${VAULT_ENDPOINT}
            engine: %s
            version: %s
            prefix: %s
            approle:
              id: ${ROLE_ID}
              secret: ${SECRET_ID}
        %s""".formatted(engine, version, prefix, transit ? "    transit:\n      key: kes\n" : ""));
  }

  private static KeyStore open(Path config) throws Exception {
    Map<String, String> env = Map.of("VAULT_ENDPOINT", BAO.server().address().toString(),
        "ROLE_ID", BAO.kes().roleId(), "SECRET_ID", BAO.kes().secretId());
    return KeyStores.fromClassPath().open(ServerConfigLoader.loadKeystore(config, env::get));
  }

  private static MigrationReport migrate(KeyStore from, KeyStore to) throws Exception {
    return new Migration(from, to, MigrationOptions.defaults(), MigrationListener.NONE).run();
  }

  @Test
  void fsToVault() throws Exception {
    Path dir = tmp.resolve("keys");
    FsKeyStore fs = FsKeyStore.open(dir);
    for (int i = 0; i < KEYS; i++) {
      fs.create("key-" + i, value(i));
    }
    String prefix = TestStores.uniquePrefix("from-fs");
    try (KeyStore source = open(fsConfig(dir)); KeyStore vault = open(vaultConfig("to", "kv", "v1", prefix, false))) {
      assertThat(vault).isInstanceOf(VaultKeyStore.class);
      MigrationReport r = migrate(source, vault);
      assertThat(r.succeeded()).isTrue();
      assertThat(r.count(Outcome.MIGRATED)).isEqualTo(KEYS);
      for (int i = 0; i < KEYS; i++) {
        assertThat(vault.get("key-" + i)).isEqualTo(value(i));
      }
      // Where real KES would look for them: kv/<prefix>/<name>, field <name>.
      assertThat(BAO.server().read("kv/" + prefix + "/key-7").data().path("key-7").asText())
          .isEqualTo(new String(value(7), java.nio.charset.StandardCharsets.US_ASCII));
      // Running it again changes nothing.
      MigrationReport again = migrate(source, vault);
      assertThat(again.count(Outcome.ALREADY_PRESENT)).isEqualTo(KEYS);
    }
  }

  @Test
  void vaultToFs() throws Exception {
    String prefix = TestStores.uniquePrefix("to-fs");
    Path dir = tmp.resolve("restored");
    try (KeyStore vault = open(vaultConfig("from", "kv2", "v2", prefix, false))) {
      for (int i = 0; i < KEYS; i++) {
        vault.create("key-" + i, value(i));
      }
      try (KeyStore target = open(fsConfig(dir))) {
        MigrationReport r = migrate(vault, target);
        assertThat(r.succeeded()).isTrue();
        assertThat(r.count(Outcome.MIGRATED)).isEqualTo(KEYS);
      }
    }
    for (int i = 0; i < KEYS; i++) {
      assertThat(Files.readAllBytes(dir.resolve("key-" + i))).isEqualTo(value(i)); // verbatim
    }
  }

  @Test
  void vaultKv1ToAnotherMountOnKv2WithTransit() throws Exception {
    BAO.server().enableKv("kv-new", 2);
    String prefix = TestStores.uniquePrefix("mount-move");
    try (KeyStore v1 = open(vaultConfig("old", "kv", "v1", prefix, false));
        KeyStore v2 = open(vaultConfig("new", "kv-new", "v2", prefix, true))) {
      for (int i = 0; i < 300; i++) {
        v1.create("key-" + i, value(i));
      }
      // The same server and prefix: only the mount tells them apart.
      assertThat(v1.description()).isNotEqualTo(v2.description());
      MigrationReport r = migrate(v1, v2);
      assertThat(r.succeeded()).isTrue();
      assertThat(r.count(Outcome.MIGRATED)).isEqualTo(300);
      for (int i = 0; i < 300; i++) {
        assertThat(v2.get("key-" + i)).isEqualTo(value(i));
      }
      assertThat(BAO.server().read("kv-new/data/" + prefix + "/key-0").data().path("data").path("key-0").asText())
          .startsWith("vault:v1:");
      assertThat(v1.listAll("")).hasSize(300); // the source is only read
      try (KeyStore same = open(vaultConfig("old-again", "kv", "v1", prefix, false))) {
        assertThatThrownBy(() -> migrate(v1, same)).isInstanceOf(PreflightException.class)
            .hasMessageStartingWith("source and target are the same keystore (Hashicorp Vault: ");
      }
    }
  }

  @Test
  void preflightNamesTheSideWhoseVaultIsDown() throws Exception {
    Path dir = tmp.resolve("pre");
    FsKeyStore fs = FsKeyStore.open(dir);
    fs.create("k", value(1));
    try (VaultKeyStore vault = TestStores.open(TestStores.appRole(BAO, "kv", "v1", TestStores.uniquePrefix("preflight")))) {
      BAO.server().suspend();
      try {
        assertThatThrownBy(() -> migrate(fs, vault)).isInstanceOf(PreflightException.class)
            .satisfies(e -> assertThat(((PreflightException) e).side()).isEqualTo(PreflightException.Side.TARGET))
            .hasMessageContaining("vault: cannot reach " + BAO.server().address());
        assertThatThrownBy(() -> migrate(vault, fs)).isInstanceOf(PreflightException.class)
            .satisfies(e -> assertThat(((PreflightException) e).side()).isEqualTo(PreflightException.Side.SOURCE));
      } finally {
        BAO.server().resume();
      }
      assertThat(vault.listAll("")).isEmpty(); // nothing was written
      assertThat(migrate(fs, vault).count(Outcome.MIGRATED)).isEqualTo(1);
    }
  }
}
