package org.openkes.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkes.interop.CompatVectors.utf8;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.client.Dek;
import org.openkes.client.KesClient;
import org.openkes.client.KeyInfo;
import org.openkes.core.crypto.HmacKey;
import org.openkes.core.crypto.KeyType;
import org.openkes.core.crypto.SecretKey;
import org.openkes.core.identity.ApiKey;
import org.openkes.core.key.KeyVersion;
import org.openkes.core.key.KeyVersionCodec;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.fs.FsKeyStore;
import org.openkes.core.migrate.Migration;
import org.openkes.core.migrate.MigrationListener;
import org.openkes.core.migrate.MigrationOptions;
import org.openkes.core.migrate.MigrationReport;
import org.openkes.core.migrate.Outcome;

/**
 * {@code kes migrate} between fs keystores: the real one's output is read by our codec, and our
 * migration engine's output is served by the real KES, which decrypts what it encrypted before
 * the move.
 */
@RequiresRealKes
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrateInteropTest {
  @TempDir static Path dir;
  private KesBinary binary;
  private final ApiKey admin = ApiKey.generate(new SecureRandom());
  private Path source;
  private final Map<String, Dek> deks = new LinkedHashMap<>(); // made by KES at the source
  private final Map<String, KeyInfo> infos = new LinkedHashMap<>();
  private final Map<String, byte[]> macs = new LinkedHashMap<>();
  private static final byte[] CONTEXT = utf8("{\"MinIO\":\"bucket/object\"}");

  /** A source keystore filled by the real KES (and two keys written by us), then stopped. */
  @BeforeAll
  void fillSource() throws Exception {
    binary = KesBinary.require();
    source = dir.resolve("source");
    try (RealKesServer server = RealKesServer.builder(binary, dir.resolve("kes-source")).admin(admin.identity())
        .keystore(source).start(); KesClient kes = server.client(admin)) {
      for (String name : List.of("app-1", "app-2", "db-1")) {
        kes.createKey(name);
      }
      byte[] material = new byte[32];
      new SecureRandom().nextBytes(material);
      kes.importKey("imported-1", KeyType.CHACHA20, material);
      FsKeyStore store = FsKeyStore.open(source);
      store.create("ours-1", KeyVersionCodec.encode(KeyVersion.of(SecretKey.of(KeyType.AES256, material),
          HmacKey.of(material), Instant.parse("2025-01-02T03:04:05Z"), admin.identity().value())));
      store.create("legacy-1", CompatVectors.LEGACY_AES.getBytes(StandardCharsets.US_ASCII));
      for (String name : List.of("app-1", "app-2", "db-1", "imported-1", "ours-1", "legacy-1")) {
        deks.put(name, kes.generateKey(name, CONTEXT));
        infos.put(name, kes.describeKey(name));
        if (!name.startsWith("legacy")) {
          macs.put(name, kes.hmac(name, utf8("message")));
        }
      }
    }
  }

  /** A config file that passes KES's full server-config validation (the TLS files are not read). */
  private Path config(String name, Path keystore) throws Exception {
    return Files.writeString(dir.resolve(name + ".yml"), "admin:\n  identity: " + admin.identity() + "\n"
        + "tls:\n  key: " + dir.resolve("unused.key") + "\n  cert: " + dir.resolve("unused.crt") + "\n"
        + "keystore:\n  fs:\n    path: " + keystore + "\n");
  }

  private static Map<String, byte[]> contents(Path keystore) throws Exception {
    KeyStore store = FsKeyStore.open(keystore);
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (String name : store.listAll("")) {
      out.put(name, store.get(name));
    }
    return out;
  }

  @Test
  void realKesMigrateCopiesValuesVerbatimAndOurCodecReadsThem() throws Exception {
    Path target = dir.resolve("target-real");
    KesBinary.Result r = binary.run(dir, "migrate", "--from", config("src-1", source).toString(),
        "--to", config("dst-1", target).toString());
    assertThat(r.ok()).contains("Starting key migration:").endsWith("Migrated      6 keys successfully!");

    Map<String, byte[]> before = contents(source);
    Map<String, byte[]> after = contents(target);
    assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
    for (String name : before.keySet()) {
      Secrets.assertSame("value of " + name, before.get(name), after.get(name));
      KeyVersion v = KeyVersionCodec.decode(after.get(name));
      assertThat(v.sameKeyMaterial(KeyVersionCodec.decode(before.get(name)))).isTrue();
      Secrets.assertSame("DEK of " + name, deks.get(name).plaintext(), v.key().decrypt(deks.get(name).ciphertext(), CONTEXT));
      assertThat(v.createdAt()).isEqualTo(infos.get(name).createdAt());
    }
  }

  @Test
  void realKesMigrateWithAPatternAgreesWithOurs() throws Exception {
    Path target = dir.resolve("target-real-pattern");
    KesBinary.Result r = binary.run(dir, "migrate", "--from", config("src-2", source).toString(),
        "--to", config("dst-2", target).toString(), "app-*");
    assertThat(r.ok()).endsWith("Migrated      2 keys successfully!");

    Path ours = dir.resolve("target-ours-pattern");
    MigrationReport report = new Migration(FsKeyStore.open(source), FsKeyStore.open(ours),
        MigrationOptions.defaults().withPattern("app-*"), new MigrationListener() {}).run();
    assertThat(report.count(Outcome.MIGRATED)).isEqualTo(2);
    assertThat(contents(ours).keySet()).containsExactlyElementsOf(contents(target).keySet()).containsExactly("app-1", "app-2");
  }

  @Test
  void realKesMigrateStopsAtAnExistingKey() throws Exception {
    Path target = dir.resolve("target-conflict");
    FsKeyStore.open(target).create("db-1", CompatVectors.VALUE_A.getBytes(StandardCharsets.US_ASCII));
    KesBinary.Result r = binary.run(dir, "migrate", "--from", config("src-3", source).toString(),
        "--to", config("dst-3", target).toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("key already exists");
  }

  @Test
  void ourMigrationIsServedByRealKes() throws Exception {
    Path target = dir.resolve("target-ours");
    MigrationReport report = new Migration(FsKeyStore.open(source), FsKeyStore.open(target),
        MigrationOptions.defaults(), new MigrationListener() {}).run();
    assertThat(report.succeeded()).isTrue();
    assertThat(report.count(Outcome.MIGRATED)).isEqualTo(6);

    try (RealKesServer server = RealKesServer.builder(binary, dir.resolve("kes-target")).admin(admin.identity())
        .keystore(target).start(); KesClient kes = server.client(admin)) {
      assertThat(kes.listKeys("").items()).containsExactlyInAnyOrderElementsOf(deks.keySet());
      for (String name : deks.keySet()) {
        Secrets.assertSame("DEK of " + name, deks.get(name).plaintext(), kes.decrypt(name, deks.get(name).ciphertext(), CONTEXT));
        assertThat(kes.describeKey(name)).isEqualTo(infos.get(name));
        if (macs.containsKey(name)) {
          Secrets.assertSame("HMAC of " + name, macs.get(name), kes.hmac(name, utf8("message")));
        }
      }
    }
  }

  /**
   * The seed's story end to end with our tools: real KES made DEKs at the source; our
   * {@code kes migrate} CLI (a separate process, --target spelling) moves the keys; OUR server,
   * started on the target from a real KES config file, decrypts every DEK and reproduces every
   * HMAC.
   */
  @Test
  void ourMigrateCliThenOurServerOnTheTargetDecryptsWhatRealKesEncrypted() throws Exception {
    Path target = dir.resolve("target-ours-cli");
    Path log = dir.resolve("our-migrate.log");
    int rc = OurKes.run(log, "migrate", "--from", config("src-4", source).toString(),
        "--target", config("dst-4", target).toString(), "--quiet");
    assertThat(rc).as(Files.readString(log)).isZero();
    assertThat(Files.readString(log)).contains("Migration succeeded").containsPattern("migrated\\s+6");

    try (RealKesServer ours = RealKesServer.builder(binary, dir.resolve("our-target")).admin(admin.identity())
        .keystore(target).command(OurKes.command()).start(); KesClient kes = ours.client(admin)) {
      assertThat(ours.log()).contains("Filesystem " + target);
      assertThat(kes.listKeys("").items()).containsExactlyInAnyOrderElementsOf(deks.keySet());
      for (String name : deks.keySet()) {
        Secrets.assertSame("DEK of " + name, deks.get(name).plaintext(), kes.decrypt(name, deks.get(name).ciphertext(), CONTEXT));
        assertThat(kes.describeKey(name).name()).isEqualTo(name);
        if (macs.containsKey(name)) {
          Secrets.assertSame("HMAC of " + name, macs.get(name), kes.hmac(name, utf8("message")));
        }
      }
    }
  }
}
