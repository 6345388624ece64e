package org.openkes.keystores.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkes.core.keystore.KeyStoreContract.value;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import org.openkes.core.migrate.Mode;
import org.openkes.core.migrate.Outcome;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code kes migrate}'s engine between the filesystem keystore and AWS Secrets Manager (moto),
 * both ways, with more keys than one real-KES listing page (1,024), every key read back.
 */
@Timeout(600)
class AwsMigrationTest {
  @RegisterExtension static final MotoExtension MOTO = new MotoExtension();
  static final int KEYS = 1_100;

  @TempDir Path tmp;
  private KeyStore aws;
  private FsKeyStore fs;

  @BeforeEach
  void stores() throws Exception {
    MOTO.server().reset();
    // Opened from a config file's text through the registry, as kes migrate opens it.
    aws = KeyStores.fromClassPath().open(
        ServerConfigLoader.parseKeystore("aws.yml", Moto.yaml(MOTO.server().endpoint()), name -> null));
    fs = FsKeyStore.open(tmp.resolve("keys"));
  }

  @AfterEach
  void close() {
    aws.close();
    fs.close();
  }

  private static MigrationReport migrate(KeyStore from, KeyStore to, MigrationOptions options) throws Exception {
    return new Migration(from, to, options, MigrationListener.NONE).run();
  }

  private static String name(int i) {
    return "key-" + i;
  }

  @Test
  void fsToAwsCopiesEveryKeyAndEachReadsBackTheSame() throws Exception {
    for (int i = 0; i < KEYS; i++) {
      fs.create(name(i), value(i));
    }
    MigrationReport report = migrate(fs, aws, MigrationOptions.defaults());
    assertThat(report.problems()).isEmpty();
    assertThat(report.count(Outcome.MIGRATED)).isEqualTo(KEYS);
    assertThat(aws.listAll("")).hasSize(KEYS);
    for (int i = 0; i < KEYS; i++) {
      assertThat(aws.get(name(i))).as(name(i)).isEqualTo(value(i));
    }
    // Running it again changes nothing: every key is already there with the same material.
    MigrationReport again = migrate(fs, aws, MigrationOptions.defaults());
    assertThat(again.count(Outcome.ALREADY_PRESENT)).isEqualTo(KEYS);
  }

  @Test
  void awsToFsCopiesEveryKeyAndLeavesOtherSecretsAlone() throws Exception {
    createAll(aws, KEYS);
    try (SecretsManagerClient raw = Moto.rawClient(MOTO.server().endpoint())) {
      // Secrets of other applications in the same account are not KES keys.
      raw.createSecret(b -> b.name("prod/db-password").secretString("hunter2"));
    }
    MigrationReport report = migrate(aws, fs, MigrationOptions.defaults());
    assertThat(report.problems()).isEmpty();
    assertThat(report.count(Outcome.MIGRATED)).isEqualTo(KEYS);
    assertThat(fs.listAll("")).hasSize(KEYS);
    for (int i = 0; i < KEYS; i++) {
      assertThat(fs.get(name(i))).as(name(i)).isEqualTo(value(i));
    }
  }

  @Test
  void forceReplacesAConflictingKeyAtAwsAndAPatternSelects() throws Exception {
    for (int i = 0; i < 20; i++) {
      fs.create("my-key-" + i, value(i));
    }
    fs.create("other", value(99));
    aws.create("my-key-3", value(1_000)); // same name, different material
    MigrationReport conflict = migrate(fs, aws, MigrationOptions.defaults().withPattern("my-key*"));
    assertThat(conflict.count(Outcome.CONFLICT)).isEqualTo(1);
    assertThat(aws.get("my-key-3")).isEqualTo(value(1_000)); // untouched

    MigrationReport forced = migrate(fs, aws, MigrationOptions.defaults().withPattern("my-key*").withMode(Mode.FORCE));
    assertThat(forced.problems()).isEmpty();
    assertThat(forced.count(Outcome.OVERWRITTEN)).isEqualTo(1);
    assertThat(aws.get("my-key-3")).isEqualTo(value(3));
    assertThat(aws.listAll("")).hasSize(20).doesNotContain("other");
  }

  private static void createAll(KeyStore store, int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int seed = i;
        futures.add(pool.submit(() -> {
          store.create(name(seed), value(seed));
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

}
