package org.openkes.core.keystore.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.core.key.KeyVersionCodec;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreContract;
import org.openkes.core.keystore.KeyStoreException;

class FsKeyStoreTest extends KeyStoreContract {
  @TempDir Path tmp;
  private Path dir;

  @Override
  protected KeyStore newStore() throws Exception {
    dir = tmp.resolve("keys");
    return FsKeyStore.open(dir);
  }

  @Override
  protected boolean makeUnreachable() throws Exception {
    Files.move(dir, tmp.resolve("keys-gone"));
    return true;
  }

  @Override
  protected void makeReachable() throws Exception {
    Files.move(tmp.resolve("keys-gone"), dir);
  }

  @Test
  void createsTheDirectoryWithParents() throws Exception {
    Path deep = tmp.resolve("a/b/c");
    FsKeyStore.open(deep).create("k", value(1));
    assertThat(deep.resolve("k")).exists();
  }

  @Test
  void refusesAFileAsDirectory() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertThatThrownBy(() -> FsKeyStore.open(file))
        .isInstanceOf(KeyStoreException.Failure.class)
        .hasMessageContaining("is not a directory");
  }

  @Test
  void layoutIsOneFilePerKeyWithTheValueVerbatimMode0600() throws Exception {
    store.create("my-key", value(7));
    Path f = dir.resolve("my-key");
    assertThat(Files.readAllBytes(f)).isEqualTo(value(7));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
    try (var entries = Files.list(dir)) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("my-key");
    }
  }

  @Test
  void readsAKeyFileWrittenByRealKes() throws Exception {
    // A value as real KES writes it (kes-compat.md §5.3 [repo]), put there as KES would.
    String value = "CiQKIMiHG7XrN94FuwblJJor4f7f6rbqAl7DwsLaiIoyz0D2EAESJAognLXl4yqa4cjZTcSbsU6sNnN8kP9ARWkXwa20YQZa9HgQARoMCNithK0GEID67qYDIkAzZWNmY2RmMzhmY2JlMTQxYWUyNmExMDMwZjgxZTk2Yjc1MzM2NWE0Njc2MGFlNmI1Nzg2OThhOTdjNTlmZDIy";
    Files.writeString(dir.resolve("kes-key"), value);
    assertThat(text(store.get("kes-key"))).isEqualTo(value);
    assertThat(KeyVersionCodec.decode(store.get("kes-key")).createdBy()).startsWith("3ecfcdf3");
    assertThat(store.listAll("")).containsExactly("kes-key");
  }

  @Test
  void listingSkipsHiddenFilesAndDirectories() throws Exception {
    store.create("a", value(1));
    Files.writeString(dir.resolve(".DS_Store"), "junk");
    Files.writeString(dir.resolve(".kes-tmp-b-0011223344556677"), "partial");
    Files.createDirectory(dir.resolve("sub"));
    assertThat(store.listAll("")).containsExactly("a");
  }

  @Test
  void rejectsNamesThatAreNotPlainFileNames() {
    for (String bad : List.of("", "../x", "a/b", "a\\b", ".hidden", "a.b")) {
      assertThatThrownBy(() -> store.create(bad, value(1)))
          .isInstanceOf(KeyStoreException.Invalid.class)
          .hasMessage("fs: key name contains invalid character");
    }
    assertThat(tmp.resolve("x")).doesNotExist();
  }

  @Test
  void twoProcessesCreatingOneNameExactlyOneWins() throws Exception {
    int processes = 6;
    for (int round = 0; round < 3; round++) {
      String name = "proc-race-" + round;
      List<Process> ps = new ArrayList<>();
      for (int i = 0; i < processes; i++) {
        ps.add(FsChild.start(dir, "create", name, Integer.toString(i)));
      }
      int wins = 0;
      int exists = 0;
      int winner = -1;
      for (int i = 0; i < processes; i++) {
        Process p = ps.get(i);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (p.exitValue() == 0) {
          wins++;
          winner = i;
        } else if (p.exitValue() == FsChild.EXIT_EXISTS) {
          exists++;
        }
      }
      assertThat(wins).isEqualTo(1);
      assertThat(exists).isEqualTo(processes - 1);
      assertThat(store.get(name)).isEqualTo(value(winner));
    }
  }

  @Test
  void killMinus9DuringCreatesNeverLeavesAPartialKey() throws Exception {
    for (int round = 0; round < 3; round++) {
      Path d = tmp.resolve("crash-" + round);
      FsKeyStore crashStore = FsKeyStore.open(d);
      Process p = FsChild.start(d, "fill", "100000", "0");
      // Let it create some keys, then kill it without warning.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (crashStore.listAll("").size() < 50 + 100 * round && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      List<String> names = crashStore.listAll("");
      assertThat(names).isNotEmpty();
      for (String n : names) {
        int i = Integer.parseInt(n.substring("fill-".length()));
        assertThat(crashStore.get(n)).as("key %s is whole", n).isEqualTo(value(i));
      }
    }
  }
}
