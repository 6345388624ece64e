package org.openkes.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.core.crypto.KeyType;
import org.openkes.core.crypto.SecretKey;
import org.openkes.core.key.KeyVersionCodec;
import org.openkes.core.keystore.FaultyKeyStore;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreContract;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.core.keystore.mem.InMemoryKeyStore;

@Timeout(300)
class MigrationTest {
  @TempDir Path tmp;

  private final InMemoryKeyStore srcMem = new InMemoryKeyStore();
  private final InMemoryKeyStore dstMem = new InMemoryKeyStore();
  /** The source refuses every write: migrate must never modify it. */
  private final FaultyKeyStore src = new FaultyKeyStore(srcMem, "source").withFault((op, n) ->
      op.equals("create") || op.equals("delete") ? new KeyStoreException.Failure("source written!", null) : null);
  private final FaultyKeyStore dst = new FaultyKeyStore(dstMem, "target");

  private static byte[] v(int i) {
    return KeyStoreContract.value(i);
  }

  private MigrationReport migrate(MigrationOptions o) throws Exception {
    return new Migration(src, dst, o, MigrationListener.NONE).run();
  }

  @Test
  void migratesThousandsOfKeysCompletelyAndVerified() throws Exception {
    int n = 5_500;
    for (int i = 0; i < n; i++) {
      srcMem.create("key-" + i, v(i));
    }
    AtomicInteger planned = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    MigrationReport r = new Migration(src, dst, MigrationOptions.defaults(), new MigrationListener() {
      @Override
      public void planned(int total) {
        planned.set(total);
      }

      @Override
      public void done(KeyResult result) {
        done.incrementAndGet();
      }
    }).run();
    assertThat(r.succeeded()).isTrue();
    assertThat(r.total()).isEqualTo(n);
    assertThat(r.count(Outcome.MIGRATED)).isEqualTo(n);
    assertThat(planned.get()).isEqualTo(n);
    assertThat(done.get()).isEqualTo(n);
    for (int i = 0; i < n; i++) {
      assertThat(dstMem.get("key-" + i)).isEqualTo(v(i)); // verbatim
    }
    assertThat(src.creates.get() + src.deletes.get()).isZero();
  }

  @Test
  void patternSelectsASubsetASingleKeyOrAll() throws Exception {
    for (String name : List.of("my-key", "my-key-1", "my-key-2", "my-master-key", "other")) {
      srcMem.create(name, v(name.length()));
    }
    MigrationReport subset = migrate(MigrationOptions.defaults().withPattern("my-key*"));
    assertThat(subset.results()).extracting(KeyResult::name).containsExactly("my-key", "my-key-1", "my-key-2");
    assertThat(dstMem.listAll("")).containsExactly("my-key", "my-key-1", "my-key-2");

    MigrationReport single = migrate(MigrationOptions.defaults().withPattern("my-master-key"));
    assertThat(single.results()).containsExactly(KeyResult.of("my-master-key", Outcome.MIGRATED));

    MigrationReport all = migrate(MigrationOptions.defaults());
    assertThat(all.count(Outcome.ALREADY_PRESENT)).isEqualTo(4);
    assertThat(all.count(Outcome.MIGRATED)).isEqualTo(1);
    assertThat(all.succeeded()).isTrue();
    assertThat(dstMem.listAll("")).hasSize(5);
  }

  @Test
  void aBadPatternIsAnErrorNotASilentSuccess() {
    assertThatThrownBy(() -> migrate(MigrationOptions.defaults().withPattern("[")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void defaultModeNeverOverwrites() throws Exception {
    srcMem.create("same", v(1));
    srcMem.create("conflict", v(2));
    srcMem.create("new", v(3));
    dstMem.create("same", v(1));
    dstMem.create("conflict", v(99));
    MigrationReport r = migrate(MigrationOptions.defaults());
    assertThat(r.succeeded()).isFalse();
    assertThat(r.results()).extracting(KeyResult::name, KeyResult::outcome).containsExactly(
        org.assertj.core.groups.Tuple.tuple("conflict", Outcome.CONFLICT),
        org.assertj.core.groups.Tuple.tuple("new", Outcome.MIGRATED),
        org.assertj.core.groups.Tuple.tuple("same", Outcome.ALREADY_PRESENT));
    assertThat(r.problems()).extracting(KeyResult::detail).first().asString()
        .contains("different key").contains("--force");
    assertThat(dstMem.get("conflict")).isEqualTo(v(99));
    assertThat(dst.deletes.get()).isZero();
  }

  @Test
  void alreadyPresentComparesKeyMaterialNotEncoding() throws Exception {
    byte[] key = new byte[32];
    String legacy = "{\"bytes\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"algorithm\":\"AES256\",\"created_by\":\"x\"}";
    srcMem.create("legacy", legacy.getBytes(StandardCharsets.UTF_8));
    // The same legacy key, differently encoded (other member order, other metadata).
    dstMem.create("legacy", "{\"created_at\":\"2020-01-01T00:00:00Z\", \"bytes\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}"
        .getBytes(StandardCharsets.UTF_8));
    MigrationReport r = migrate(MigrationOptions.defaults());
    assertThat(r.results()).containsExactly(KeyResult.of("legacy", Outcome.ALREADY_PRESENT));
    assertThat(KeyVersionCodec.decode(dstMem.get("legacy")).key()).isEqualTo(SecretKey.of(KeyType.AES256, key));
  }

  @Test
  void mergeKeepsConflictsAsWarnings() throws Exception {
    srcMem.create("conflict", v(2));
    srcMem.create("new", v(3));
    dstMem.create("conflict", v(99));
    MigrationReport r = migrate(MigrationOptions.defaults().withMode(Mode.MERGE));
    assertThat(r.succeeded()).isTrue();
    assertThat(r.skipped()).extracting(KeyResult::name).containsExactly("conflict");
    assertThat(dstMem.get("conflict")).isEqualTo(v(99));
    assertThat(dstMem.get("new")).isEqualTo(v(3));
  }

  @Test
  void forceOverwritesAndBacksUpTheOldValueFirst() throws Exception {
    srcMem.create("conflict", v(2));
    srcMem.create("same", v(5));
    dstMem.create("conflict", v(99));
    dstMem.create("same", v(5));
    Path file = tmp.resolve("backup.kesbak");
    char[] pass = "correct horse".toCharArray();
    MigrationReport r;
    try (BackupWriter backup = BackupWriter.create(file, pass, 1024, 1)) {
      r = migrate(MigrationOptions.defaults().withMode(Mode.FORCE).withBackup(backup));
      assertThat(backup.count()).isEqualTo(1); // only the overwritten key
    }
    assertThat(r.succeeded()).isTrue();
    assertThat(r.count(Outcome.OVERWRITTEN)).isEqualTo(1);
    assertThat(r.count(Outcome.ALREADY_PRESENT)).isEqualTo(1); // identical keys are not re-created
    assertThat(dstMem.get("conflict")).isEqualTo(v(2));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain(
        new String(v(99), StandardCharsets.ISO_8859_1).substring(0, 20));

    Map<String, byte[]> saved = BackupFile.read(file, pass);
    assertThat(saved).containsOnlyKeys("conflict");
    assertThat(saved.get("conflict")).isEqualTo(v(99));

    // Restore = migrate from the backup, forced, back over the target.
    MigrationReport restored = new Migration(new BackupKeyStore(file, saved), dst,
        MigrationOptions.defaults().withMode(Mode.FORCE), MigrationListener.NONE).run();
    assertThat(restored.succeeded()).isTrue();
    assertThat(dstMem.get("conflict")).isEqualTo(v(99));
  }

  @Test
  void backupWithTheWrongPassphraseOrTruncatedIsAClearError() throws Exception {
    Path file = tmp.resolve("b");
    try (BackupWriter w = BackupWriter.create(file, "right".toCharArray(), 1024, 1)) {
      w.append("a", v(1));
      w.append("b", v(2));
    }
    assertThatThrownBy(() -> BackupFile.read(file, "wrong".toCharArray()))
        .isInstanceOf(BackupFile.BackupException.class).hasMessageContaining("wrong passphrase");
    byte[] all = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(all, all.length - 5));
    assertThatThrownBy(() -> BackupFile.read(file, "right".toCharArray()))
        .isInstanceOf(BackupFile.BackupException.class).hasMessageContaining("truncated after 1 records");
    assertThatThrownBy(() -> BackupWriter.create(file, "x".toCharArray()))
        .hasMessageContaining("already exists");
    Path notBackup = Files.writeString(tmp.resolve("c"), "hello");
    assertThatThrownBy(() -> BackupFile.read(notBackup, "x".toCharArray()))
        .hasMessageContaining("is not a kes migrate backup file");
  }

  @Test
  void forceRestoresTheOldValueWhenTheNewOneCannotBeWritten() throws Exception {
    srcMem.create("k", v(2));
    dstMem.create("k", v(99));
    AtomicInteger createCalls = new AtomicInteger();
    // The first create after the delete fails (e.g. throttling); later ones work.
    dst.withFault((op, name) -> op.equals("create") && createCalls.incrementAndGet() == 1
        ? new KeyStoreException.Failure("throttled", null) : null);
    MigrationReport r = migrate(MigrationOptions.defaults().withMode(Mode.FORCE));
    assertThat(r.succeeded()).isFalse();
    assertThat(r.results()).singleElement().satisfies(k -> {
      assertThat(k.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(k.detail()).contains("throttled").contains("old target value was restored");
    });
    assertThat(dstMem.get("k")).isEqualTo(v(99));
  }

  @Test
  void forceSaysLoudlyWhenTheOldValueCannotBeRestored() throws Exception {
    srcMem.create("k", v(2));
    dstMem.create("k", v(99));
    Path file = tmp.resolve("bk");
    dst.withFault((op, name) -> op.equals("create") ? new KeyStoreException.Failure("denied", null) : null);
    MigrationReport r;
    try (BackupWriter backup = BackupWriter.create(file, "p".toCharArray(), 1024, 1)) {
      r = migrate(MigrationOptions.defaults().withMode(Mode.FORCE).withBackup(backup));
    }
    assertThat(r.problems()).singleElement().satisfies(k ->
        assertThat(k.detail()).contains("MISSING at the target").contains(file.toString()));
    assertThat(BackupFile.read(file, "p".toCharArray()).get("k")).isEqualTo(v(99));
  }

  @Test
  void dryRunPlansAndWritesNothing() throws Exception {
    srcMem.create("conflict", v(2));
    srcMem.create("new", v(3));
    srcMem.create("same", v(4));
    dstMem.create("conflict", v(99));
    dstMem.create("same", v(4));
    MigrationReport plain = migrate(MigrationOptions.defaults().withDryRun(true));
    MigrationReport forced = migrate(MigrationOptions.defaults().withDryRun(true).withMode(Mode.FORCE));
    assertThat(plain.dryRun()).isTrue();
    assertThat(plain.results()).extracting(KeyResult::outcome)
        .containsExactly(Outcome.CONFLICT, Outcome.MIGRATED, Outcome.ALREADY_PRESENT);
    assertThat(forced.results()).extracting(KeyResult::outcome)
        .containsExactly(Outcome.OVERWRITTEN, Outcome.MIGRATED, Outcome.ALREADY_PRESENT);
    assertThat(Outcome.OVERWRITTEN.label(true)).isEqualTo("overwrite");
    assertThat(dst.creates.get() + dst.deletes.get()).isZero();
    assertThat(dstMem.listAll("")).containsExactly("conflict", "same");
  }

  @Test
  void oneFailingKeyDoesNotStopTheOthersUnlessFailFast() throws Exception {
    for (int i = 0; i < 20; i++) {
      srcMem.create("k" + i, v(i));
    }
    dst.withFault((op, name) -> op.equals("create") && name.equals("k13")
        ? new KeyStoreException.Failure("permission denied", null) : null);
    MigrationReport r = migrate(MigrationOptions.defaults());
    assertThat(r.count(Outcome.MIGRATED)).isEqualTo(19);
    assertThat(r.problems()).singleElement().satisfies(k -> {
      assertThat(k.name()).isEqualTo("k13");
      assertThat(k.detail()).contains("cannot write it to the target: permission denied");
    });

    InMemoryKeyStore fresh = new InMemoryKeyStore();
    FaultyKeyStore failing = new FaultyKeyStore(fresh, "t2").withFault((op, name) ->
        op.equals("create") && name.equals("k0") ? new KeyStoreException.Failure("nope", null) : null);
    MigrationReport ff = new Migration(src, failing,
        MigrationOptions.defaults().withFailFast(true).withParallelism(1), MigrationListener.NONE).run();
    assertThat(ff.interrupted()).isTrue();
    assertThat(ff.count(Outcome.FAILED)).isEqualTo(1);
    assertThat(ff.count(Outcome.NOT_ATTEMPTED)).isEqualTo(19);
  }

  @Test
  void undecodableSourceValuesAreNotCopied() throws Exception {
    srcMem.create("bad", "not a key".getBytes(StandardCharsets.UTF_8));
    srcMem.create("good", v(1));
    MigrationReport r = migrate(MigrationOptions.defaults());
    assertThat(r.problems()).singleElement().satisfies(k -> {
      assertThat(k.name()).isEqualTo("bad");
      assertThat(k.detail()).contains("not a valid KES key");
    });
    assertThat(dstMem.listAll("")).containsExactly("good");
  }

  @Test
  void verificationCatchesATargetThatReturnsSomethingElse() throws Exception {
    srcMem.create("k", v(1));
    KeyStore lying = new FaultyKeyStore(dstMem, "liar") {
      @Override
      public byte[] get(String name) throws KeyStoreException {
        super.get(name); // throws KeyNotFound before the create, as a real store would
        return v(7); // ... and afterwards returns another key
      }
    };
    MigrationReport r = new Migration(src, lying, MigrationOptions.defaults(), MigrationListener.NONE).run();
    assertThat(r.problems()).singleElement().satisfies(k ->
        assertThat(k.detail()).startsWith("verification failed"));
  }

  @Test
  void cancelledRunReportsNotAttemptedAndARerunCompletes() throws Exception {
    for (int i = 0; i < 200; i++) {
      srcMem.create("k" + i, v(i));
    }
    List<Migration> holder = new CopyOnWriteArrayList<>();
    Migration m = new Migration(src, dst.withLatency(Duration.ofMillis(1)),
        MigrationOptions.defaults().withParallelism(2), new MigrationListener() {
          final AtomicInteger n = new AtomicInteger();

          @Override
          public void done(KeyResult result) {
            if (n.incrementAndGet() == 20) {
              holder.get(0).cancel();
            }
          }
        });
    holder.add(m);
    MigrationReport r = m.run();
    assertThat(r.interrupted()).isTrue();
    assertThat(r.count(Outcome.NOT_ATTEMPTED)).isGreaterThan(100);
    assertThat(r.count(Outcome.MIGRATED)).isBetween(20, 30);
    dst.withLatency(Duration.ZERO);
    MigrationReport again = migrate(MigrationOptions.defaults());
    assertThat(again.succeeded()).isTrue();
    assertThat(again.count(Outcome.MIGRATED) + again.count(Outcome.ALREADY_PRESENT)).isEqualTo(200);
    assertThat(dstMem.listAll("")).hasSize(200);
  }

  @Test
  void preflightNamesTheFailingSide() throws Exception {
    FaultyKeyStore down = new FaultyKeyStore(new InMemoryKeyStore(), "down").withFault((op, n) ->
        new KeyStoreException.Unreachable("connection refused", null));
    assertThatThrownBy(() -> new Migration(down, dst, MigrationOptions.defaults(), MigrationListener.NONE).run())
        .isInstanceOf(PreflightException.class)
        .satisfies(e -> assertThat(((PreflightException) e).side()).isEqualTo(PreflightException.Side.SOURCE))
        .hasMessageContaining("connection refused");
    assertThatThrownBy(() -> new Migration(src, down, MigrationOptions.defaults(), MigrationListener.NONE).run())
        .isInstanceOf(PreflightException.class)
        .satisfies(e -> assertThat(((PreflightException) e).side()).isEqualTo(PreflightException.Side.TARGET));
    assertThat(dst.creates.get()).isZero();
  }

  @Test
  void refusesToMigrateAStoreOntoItself() {
    assertThatThrownBy(() -> new Migration(srcMem, srcMem, MigrationOptions.defaults(), MigrationListener.NONE).run())
        .isInstanceOf(PreflightException.class).hasMessageContaining("same keystore");
  }

  @Test
  void parallelWorkersAgainstASlowStoreGiveTheSameResult() throws Exception {
    for (int i = 0; i < 300; i++) {
      srcMem.create("k" + i, v(i));
    }
    dst.withLatency(Duration.ofMillis(2));
    MigrationReport r = migrate(MigrationOptions.defaults().withParallelism(16));
    assertThat(r.succeeded()).isTrue();
    assertThat(r.count(Outcome.MIGRATED)).isEqualTo(300);
    assertThat(dstMem.listAll("")).hasSize(300);
  }

  @Test
  void legacyKeysAreCopiedVerbatim() throws Exception {
    byte[] legacy = "{\"bytes\":\"9ew6BCae3+13sniOUwttEJ62amg98YXc0OW0WBhNiCY=\",\"algorithm\":\"XCHACHA20-POLY1305\"}"
        .getBytes(StandardCharsets.UTF_8);
    srcMem.create("old", legacy);
    assertThat(migrate(MigrationOptions.defaults()).succeeded()).isTrue();
    assertThat(dstMem.get("old")).isEqualTo(legacy);
  }
}
