package org.openkes.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Writes files the way key material must be written: to a hidden temp file in the same
 * directory with the final permissions from the start, fsync'd, then moved into place and the
 * directory fsync'd. A crash leaves the old file or the new one, never half of one.
 */
public final class AtomicFiles {
  /** Owner read/write: private keys, backups. */
  public static final String PRIVATE = "rw-------";
  /** World-readable: certificates. */
  public static final String PUBLIC = "rw-r--r--";

  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicFiles() {}

  /**
   * Writes {@code data} to {@code target} with the given POSIX permissions.
   *
   * @param overwrite whether an existing file may be replaced
   * @throws FileAlreadyExistsException if the file exists and {@code overwrite} is false
   */
  public static void write(Path target, byte[] data, String permissions, boolean overwrite) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    if (!overwrite && Files.exists(abs)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    byte[] r = new byte[8];
    RANDOM.nextBytes(r);
    Path temp = dir.resolve("." + abs.getFileName() + ".tmp-" + HexFormat.of().formatHex(r));
    try {
      try (FileChannel ch = FileChannel.open(temp,
          Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)))) {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(true);
      }
      if (overwrite) {
        Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.createLink(abs, temp); // never replaces: a file created meanwhile is not clobbered
      }
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (AccessDeniedException | UnsupportedOperationException e) {
      // not every platform can fsync a directory; the file itself is synced
    }
  }
}
