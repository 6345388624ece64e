package org.openkes.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void writesWithTheGivenPermissionsAndLeavesNoTempFile() throws Exception {
    Path key = dir.resolve("private.key");
    AtomicFiles.write(key, "secret".getBytes(), AtomicFiles.PRIVATE, false);
    assertThat(Files.readString(key)).isEqualTo("secret");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    Path crt = dir.resolve("public.crt");
    AtomicFiles.write(crt, "cert".getBytes(), AtomicFiles.PUBLIC, false);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(crt))).isEqualTo("rw-r--r--");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("private.key", "public.crt");
    }
  }

  @Test
  void refusesToOverwriteUnlessAsked() throws Exception {
    Path key = dir.resolve("k");
    AtomicFiles.write(key, "one".getBytes(), AtomicFiles.PRIVATE, false);
    assertThatThrownBy(() -> AtomicFiles.write(key, "two".getBytes(), AtomicFiles.PRIVATE, false))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(key)).isEqualTo("one");
    AtomicFiles.write(key, "two".getBytes(), AtomicFiles.PRIVATE, true);
    assertThat(Files.readString(key)).isEqualTo("two");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
  }
}
