package org.openkes.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openkes.core.crypto.HmacKey;
import org.openkes.core.crypto.KeyType;
import org.openkes.core.crypto.SecretKey;
import org.openkes.core.key.KeyVersion;
import org.openkes.core.key.KeyVersionCodec;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.fs.FsKeyStore;
import org.openkes.core.keystore.mem.InMemoryKeyStore;
import org.openkes.core.migrate.Migration;
import org.openkes.core.migrate.MigrationListener;
import org.openkes.core.migrate.MigrationOptions;
import org.openkes.core.migrate.MigrationReport;

/**
 * Keys per second of the migration engine: N keys fs to fs (real files, fsync'd), and between
 * in-memory stores that add a fixed latency per call (a remote KMS), sequential vs parallel.
 * A load run, not a test: {@code scripts/bench-migrate.sh} runs it and prints a table.
 *
 * <p>Usage: {@code MigrationBench fs <dir> <keys> <parallel...>} or
 * {@code MigrationBench latency <millis> <keys> <parallel...>}.
 */
public final class MigrationBench {
  private MigrationBench() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int keys = Integer.parseInt(args[2]);
    for (int i = 3; i < args.length; i++) {
      int parallel = Integer.parseInt(args[i]);
      KeyStore src;
      KeyStore dst;
      if (mode.equals("fs")) {
        Path root = Path.of(args[1]);
        Path s = root.resolve("src");
        Path d = root.resolve("dst-" + parallel);
        deleteTree(d);
        src = FsKeyStore.open(s);
        if (src.listAll("").size() != keys) {
          deleteTree(s);
          src = FsKeyStore.open(s);
          fill(src, keys);
        }
        dst = FsKeyStore.open(d);
      } else {
        Duration latency = Duration.ofMillis(Long.parseLong(args[1]));
        InMemoryKeyStore s = new InMemoryKeyStore();
        fill(s, keys);
        src = new SlowKeyStore(s, latency, "slow source");
        dst = new SlowKeyStore(new InMemoryKeyStore(), latency, "slow target");
      }
      long start = System.nanoTime();
      MigrationReport r = new Migration(src, dst,
          MigrationOptions.defaults().withParallelism(parallel), MigrationListener.NONE).run();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (!r.succeeded() || r.count(org.openkes.core.migrate.Outcome.MIGRATED) != keys) {
        throw new IllegalStateException("migration did not complete: " + r.counts());
      }
      System.out.printf("%s\t%s\t%d keys\tparallel %d\t%.2f s\t%.0f keys/s%n",
          mode, args[1], keys, parallel, seconds, keys / seconds);
    }
  }

  private static void fill(KeyStore store, int n) throws Exception {
    byte[] k = new byte[32];
    for (int i = 0; i < n; i++) {
      k[0] = (byte) i;
      k[1] = (byte) (i >> 8);
      k[2] = (byte) (i >> 16);
      store.create("key-" + i, KeyVersionCodec.encode(KeyVersion.of(SecretKey.of(KeyType.AES256, k),
          HmacKey.of(k), Instant.now(), "bench")));
    }
  }

  private static void deleteTree(Path p) throws Exception {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
