package org.openkes.keystores.aws.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkes.core.keystore.KeyStoreContract.value;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.fs.FsKeyStore;
import org.openkes.keystores.aws.AwsSecretsManagerProvider;
import org.openkes.keystores.aws.Moto;
import org.openkes.keystores.aws.MotoExtension;
import org.openkes.keystores.aws.it.KesShell.Run;

/**
 * The commands of the KMS migration guide (shared/docs/seed-kms-migration.txt), typed into a
 * shell exactly as written there — {@code my-key*} unquoted — with a {@code kes} on the PATH
 * that runs the CLI with the distribution's class path. Source: the filesystem keystore;
 * target: AWS Secrets Manager (moto); then back again.
 */
@Timeout(900)
class SeedMigrateCommandsTest {
  @RegisterExtension static final MotoExtension MOTO = new MotoExtension();
  static final int MY_KEYS = 1_100;

  @TempDir Path work;
  private KesShell shell;

  @BeforeEach
  void setUp() throws Exception {
    MOTO.server().reset();
    shell = new KesShell(work);

    Files.writeString(work.resolve("source.yml"), """
        address: 0.0.0.0:7373
        admin:
          identity: disabled
        tls:
          key: ./private.key
          cert: ./public.crt
        keystore:
          fs:
            path: ./kms1-keys
        """);
    Files.writeString(work.resolve("target.yml"), Moto.yaml(MOTO.server().endpoint()));
  }

  @Test
  void theGuidesCommandsMoveKeysToAwsAndBack() throws Exception {
    List<String> all = new ArrayList<>();
    try (FsKeyStore kms1 = FsKeyStore.open(work.resolve("kms1-keys"))) {
      for (int i = 0; i < MY_KEYS; i++) {
        kms1.create("my-key-" + i, value(i));
        all.add("my-key-" + i);
      }
      kms1.create("my-master-key", value(5_000));
      all.add("my-master-key");
      for (int i = 0; i < 10; i++) {
        kms1.create("other-" + i, value(6_000 + i));
        all.add("other-" + i);
      }
    }

    try (KeyStore aws = new AwsSecretsManagerProvider().open(Moto.section(MOTO.server().endpoint()))) {
      // "Migrate Some Master Keys"
      Run some = shell.run("kes migrate --from source.yml --target target.yml my-key*");
      assertThat(some.exit()).as(some.output()).isZero();
      assertThat(some.output()).containsPattern("migrated\\s+" + MY_KEYS);
      assertThat(aws.listAll("")).hasSize(MY_KEYS).allMatch(n -> n.startsWith("my-key-"));

      // "Migrate a Single Key"
      Run single = shell.run("kes migrate --from source.yml --target target.yml my-master-key");
      assertThat(single.exit()).as(single.output()).isZero();
      assertThat(single.output()).containsPattern("migrated\\s+1\\b");
      assertThat(aws.get("my-master-key")).isEqualTo(value(5_000));

      // "Migrate All Master Keys": the rest; the keys already there are left alone
      Run rest = shell.run("kes migrate --from source.yml --target target.yml");
      assertThat(rest.exit()).as(rest.output()).isZero();
      assertThat(rest.output()).containsPattern("migrated\\s+10\\b").containsPattern("already present\\s+" + (MY_KEYS + 1));

      assertThat(aws.listAll("")).containsExactlyInAnyOrderElementsOf(all);
      for (int i = 0; i < MY_KEYS; i++) {
        assertThat(aws.get("my-key-" + i)).as("my-key-" + i).isEqualTo(value(i));
      }
      for (int i = 0; i < 10; i++) {
        assertThat(aws.get("other-" + i)).isEqualTo(value(6_000 + i));
      }
    }

    // And from AWS to a new filesystem keystore, every key.
    Files.writeString(work.resolve("back.yml"), "keystore:\n  fs:\n    path: ./kms2-keys\n");
    Run back = shell.run("kes migrate --from target.yml --target back.yml");
    assertThat(back.exit()).as(back.output()).isZero();
    try (FsKeyStore kms2 = FsKeyStore.open(work.resolve("kms2-keys"))) {
      assertThat(kms2.listAll("")).containsExactlyInAnyOrderElementsOf(all);
      for (int i = 0; i < MY_KEYS; i++) {
        assertThat(kms2.get("my-key-" + i)).as("my-key-" + i).isEqualTo(value(i));
      }
      assertThat(kms2.get("my-master-key")).isEqualTo(value(5_000));
    }
  }

  @Test
  void aWrongAwsSectionIsReportedWithRealKesMessage() throws Exception {
    Files.writeString(work.resolve("bad.yml"), """
        keystore:
          aws:
            secretsmanager:
              endpoint: secretsmanager.us-east-1.amazonaws.com
        """);
    Run run = shell.run("kes migrate --from bad.yml --target target.yml");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.output()).contains("kesconf: invalid AWS secretsmanager keystore: no region specified")
        .doesNotContain("SLF4J");
  }
}
