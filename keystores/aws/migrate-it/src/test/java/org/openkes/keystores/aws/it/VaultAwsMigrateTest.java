package org.openkes.keystores.aws.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.core.config.ServerConfigLoader;
import org.openkes.core.crypto.HmacKey;
import org.openkes.core.crypto.KeyType;
import org.openkes.core.crypto.SecretKey;
import org.openkes.core.key.KeyVersion;
import org.openkes.core.key.KeyVersionCodec;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStores;
import org.openkes.keystores.aws.Moto;
import org.openkes.keystores.aws.MotoExtension;
import org.openkes.keystores.aws.it.KesShell.Run;
import org.openkes.keystores.vault.OpenBaoExtension;

/**
 * {@code kes migrate} from HashiCorp Vault to AWS Secrets Manager and back — the guide's "migrate
 * a Hashicorp Vault instance to or from an AWS Secrets Manager KMS" — against a real OpenBao dev
 * server and moto. The guide's commands are typed into a shell as written there
 * ({@code source.yml} is a KES server config on Vault, {@code target.yml} one on AWS), with more
 * keys than one real-KES listing page (1,024), and every key is compared with the source.
 */
@Timeout(900)
class VaultAwsMigrateTest {
  @RegisterExtension static final OpenBaoExtension BAO = new OpenBaoExtension();
  @RegisterExtension static final MotoExtension MOTO = new MotoExtension();
  static final int MY_KEYS = 1_100;

  @TempDir Path work;
  private Map<String, String> env;
  private KesShell shell;
  private final Random random = new Random(8);

  @BeforeEach
  void setUp() throws Exception {
    MOTO.server().reset();
    // The AppRole credentials as an operator passes them: in the environment, named in the file.
    env = Map.of("VAULT_ROLE_ID", BAO.kes().roleId(), "VAULT_SECRET_ID", BAO.kes().secretId());
    shell = new KesShell(work, env);
    Files.writeString(work.resolve("target.yml"), Moto.yaml(MOTO.server().endpoint()));
  }

  /** A KES server config on the OpenBao: K/V {@code engine} ({@code version}), keys under {@code prefix}. */
  private void vaultConfig(String file, String engine, String version, String prefix) throws Exception {
    Files.writeString(work.resolve(file), """
        address: 0.0.0.0:7373
        admin:
          identity: disabled
        tls:
          key: ./private.key
          cert: ./public.crt
        keystore:
          vault:
            endpoint: %s
            engine: %s
            version: %s
            prefix: %s
            approle:
              id: ${VAULT_ROLE_ID}
              secret: ${VAULT_SECRET_ID}
        """.formatted(BAO.server().address(), engine, version, prefix));
  }

  /** The keystore of a config file in the work directory, opened the way {@code kes migrate} opens it. */
  private KeyStore open(String file) throws Exception {
    return KeyStores.fromClassPath().open(ServerConfigLoader.loadKeystore(work.resolve(file), env::get));
  }

  /**
   * A real KES key value (an encoded AES-256 key version) with key material of its own:
   * {@code KeyStoreContract.value(seed)} repeats every 256 seeds, and a key that arrived under
   * another key's name must not compare equal.
   */
  private byte[] newKey() {
    byte[] key = new byte[32];
    byte[] hmac = new byte[32];
    random.nextBytes(key);
    random.nextBytes(hmac);
    return KeyVersionCodec.encode(KeyVersion.of(SecretKey.of(KeyType.AES256, key), HmacKey.of(hmac),
        Instant.parse("2025-01-02T03:04:05Z"), "vault-aws-migrate-test"));
  }

  private static void log(String what, Run run) {
    // The report's own line ("Migration succeeded in 12.3s.") times the migration; elapsed adds the JVM start.
    System.out.printf("VaultAwsMigrateTest: %s: %.1f s with JVM start; report: %s%n", what,
        run.elapsed().toMillis() / 1000.0, run.output().lines().filter(l -> l.startsWith("Migration")).findFirst().orElse("?"));
  }

  /** {@code to} holds exactly the keys of {@code expected}, each byte for byte as {@code from} holds it and as created. */
  private static void assertSameKeys(KeyStore from, KeyStore to, Map<String, byte[]> expected) throws Exception {
    assertThat(to.listAll("")).containsExactlyInAnyOrderElementsOf(expected.keySet());
    for (Map.Entry<String, byte[]> e : expected.entrySet()) {
      assertThat(to.get(e.getKey())).as(e.getKey()).isEqualTo(from.get(e.getKey())).isEqualTo(e.getValue());
    }
  }

  @Test
  void theGuidesCommandsMoveEveryKeyFromVaultToAwsAndBack() throws Exception {
    vaultConfig("source.yml", "kv2", "v2", "kms1");
    vaultConfig("back.yml", "kv", "v1", "kms2"); // another mount (K/V v1), empty
    Map<String, byte[]> keys = new LinkedHashMap<>();
    for (int i = 0; i < MY_KEYS; i++) {
      keys.put("my-key-" + i, newKey());
    }
    keys.put("my-master-key", newKey());
    for (int i = 0; i < 10; i++) {
      keys.put("other-" + i, newKey());
    }

    try (KeyStore kms1 = open("source.yml"); KeyStore aws = open("target.yml")) {
      for (Map.Entry<String, byte[]> e : keys.entrySet()) {
        kms1.create(e.getKey(), e.getValue());
      }

      // "Migrate Some Master Keys", literally: the pattern unquoted
      Run some = shell.run("kes migrate --from source.yml --target target.yml my-key*");
      assertThat(some.exit()).as(some.output()).isZero();
      assertThat(some.output()).contains("Migration succeeded").containsPattern("migrated\\s+" + MY_KEYS + "\n")
          .containsPattern("conflicts\\s+0\n").containsPattern("failed\\s+0\n");
      log("Vault -> AWS, " + MY_KEYS + " keys (my-key*)", some);
      assertThat(aws.listAll("")).hasSize(MY_KEYS).allMatch(n -> n.startsWith("my-key-"));

      // "Migrate a Single Key"
      Run single = shell.run("kes migrate --from source.yml --target target.yml my-master-key");
      assertThat(single.exit()).as(single.output()).isZero();
      assertThat(single.output()).containsPattern("migrated\\s+1\n");

      // "Migrate All Master Keys": the rest; the keys already there are left alone
      Run all = shell.run("kes migrate --from source.yml --target target.yml");
      assertThat(all.exit()).as(all.output()).isZero();
      assertThat(all.output()).containsPattern("migrated\\s+10\n").containsPattern("already present\\s+" + (MY_KEYS + 1) + "\n");
      assertSameKeys(kms1, aws, keys);

      // The same command again, without --force: nothing to do, and that is success.
      Run again = shell.run("kes migrate --from source.yml --target target.yml");
      assertThat(again.exit()).as(again.output()).isZero();
      assertThat(again.output()).containsPattern("migrated\\s+0\n").containsPattern("already present\\s+" + keys.size() + "\n");
      log("Vault -> AWS again, " + keys.size() + " keys already present", again);

      // And back from AWS to an empty Vault mount, every key.
      Run back = shell.run("kes migrate --from target.yml --to back.yml");
      assertThat(back.exit()).as(back.output()).isZero();
      assertThat(back.output()).containsPattern("migrated\\s+" + keys.size() + "\n").containsPattern("failed\\s+0\n");
      log("AWS -> Vault, " + keys.size() + " keys", back);
      try (KeyStore kms2 = open("back.yml")) {
        assertSameKeys(aws, kms2, keys);
      }

      Run backAgain = shell.run("kes migrate --from target.yml --to back.yml");
      assertThat(backAgain.exit()).as(backAgain.output()).isZero();
      assertThat(backAgain.output()).containsPattern("migrated\\s+0\n").containsPattern("already present\\s+" + keys.size() + "\n");
      assertThat(kms1.listAll("")).hasSize(keys.size()); // the source is only read
    }
  }

  @Test
  void aDifferentKeyAtTheTargetIsAConflictNamedInTheReportAndLeftAlone() throws Exception {
    vaultConfig("source.yml", "kv2", "v2", "conflict-source");
    vaultConfig("back.yml", "kv2", "v2", "conflict-back");
    byte[] a = newKey();
    byte[] b = newKey();
    byte[] shared = newKey();
    byte[] awsShared = newKey();
    byte[] vaultA = newKey();
    try (KeyStore kms1 = open("source.yml"); KeyStore aws = open("target.yml"); KeyStore kms2 = open("back.yml")) {
      kms1.create("key-a", a);
      kms1.create("key-b", b);
      kms1.create("shared", shared);
      aws.create("shared", awsShared); // same name, other material

      Run toAws = shell.run("kes migrate --from source.yml --target target.yml");
      assertThat(toAws.exit()).as(toAws.output()).isEqualTo(1);
      assertThat(toAws.output()).containsPattern("migrated\\s+2\n").containsPattern("conflicts\\s+1\n")
          .contains("key \"shared\": the target holds a different key under this name");
      assertThat(aws.get("shared")).isEqualTo(awsShared);
      assertThat(aws.get("key-a")).isEqualTo(a);
      assertThat(aws.get("key-b")).isEqualTo(b);

      // The other way: a Vault target with a different key-a.
      kms2.create("key-a", vaultA);
      Run toVault = shell.run("kes migrate --from target.yml --to back.yml");
      assertThat(toVault.exit()).as(toVault.output()).isEqualTo(1);
      assertThat(toVault.output()).containsPattern("migrated\\s+2\n").containsPattern("conflicts\\s+1\n")
          .contains("key \"key-a\": the target holds a different key under this name");
      assertThat(kms2.get("key-a")).isEqualTo(vaultA);
      assertThat(kms2.get("key-b")).isEqualTo(b);
      assertThat(kms2.get("shared")).isEqualTo(awsShared);
    }
  }
}
