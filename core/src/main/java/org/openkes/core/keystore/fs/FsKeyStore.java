package org.openkes.core.keystore.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.core.keystore.ListPage;

/**
 * The {@code fs} keystore: one file per key, {@code <dir>/<name>}, holding the value verbatim,
 * mode 0600 (keystores.md §2) — the same layout as real KES, so either can read the other's
 * directory.
 *
 * <p>Better than real KES: a create writes a hidden temp file, fsyncs it, then hard-links it to
 * the key's name (a link never replaces an existing file, so of two processes creating one name
 * exactly one wins) and fsyncs the directory. A crash at any point leaves either no key or the
 * whole key, never a partial one; at worst a hidden temp file, which listing ignores.
 */
public final class FsKeyStore implements KeyStore {
  /** Real KES reads at most 1 MiB of a key file. */
  static final int MAX_VALUE_SIZE = 1 << 20;

  private static final FileAttribute<Set<PosixFilePermission>> OWNER_READ_WRITE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final String TEMP_PREFIX = ".kes-tmp-";

  private final Path dir;
  private final SecureRandom random = new SecureRandom();

  private FsKeyStore(Path dir) {
    this.dir = dir;
  }

  /**
   * Opens (and creates, with parents, if missing) the directory.
   *
   * @throws KeyStoreException.Failure if it exists and is not a directory, or cannot be made
   */
  public static FsKeyStore open(Path dir) throws KeyStoreException {
    Path abs = dir.toAbsolutePath().normalize();
    try {
      if (Files.exists(abs) && !Files.isDirectory(abs)) {
        throw new KeyStoreException.Failure("fs: '" + abs + "' is not a directory", null);
      }
      Files.createDirectories(abs);
    } catch (IOException e) {
      throw new KeyStoreException.Failure("fs: cannot create directory '" + abs + "': " + reason(e), e);
    }
    return new FsKeyStore(abs);
  }

  public Path directory() {
    return dir;
  }

  @Override
  public void create(String name, byte[] value) throws KeyStoreException {
    Path target = keyPath(name);
    Path temp = dir.resolve(TEMP_PREFIX + name + "-" + HexFormat.of().formatHex(randomBytes()));
    try {
      try (FileChannel ch = FileChannel.open(temp,
          Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OWNER_READ_WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(value);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.createLink(target, temp);
      } catch (FileAlreadyExistsException e) {
        throw new KeyStoreException.KeyExists(name);
      }
      syncDirectory();
    } catch (NoSuchFileException e) {
      throw unreachableIfDirectoryGone(e);
    } catch (IOException e) {
      throw new KeyStoreException.Failure("fs: failed to create key '" + name + "': " + reason(e), e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // A left-over hidden temp file is harmless: listing skips it.
      }
    }
  }

  @Override
  public byte[] get(String name) throws KeyStoreException {
    Path p = keyPath(name);
    try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
      return in.readNBytes(MAX_VALUE_SIZE);
    } catch (NoSuchFileException e) {
      if (!Files.isDirectory(dir)) {
        throw unreachableIfDirectoryGone(e);
      }
      throw new KeyStoreException.KeyNotFound(name);
    } catch (IOException e) {
      throw new KeyStoreException.Failure("fs: failed to read key '" + name + "': " + reason(e), e);
    }
  }

  @Override
  public void delete(String name) throws KeyStoreException {
    Path p = keyPath(name);
    try {
      Files.delete(p);
      syncDirectory();
    } catch (NoSuchFileException e) {
      if (!Files.isDirectory(dir)) {
        throw unreachableIfDirectoryGone(e);
      }
      throw new KeyStoreException.KeyNotFound(name);
    } catch (IOException e) {
      throw new KeyStoreException.Failure("fs: failed to delete key '" + name + "': " + reason(e), e);
    }
  }

  @Override
  public ListPage list(String prefix, String continueAfter, int limit) throws KeyStoreException {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String n = entry.getFileName().toString();
        // Hidden files (our temp files, .DS_Store, ...) and directories are not keys.
        if (n.startsWith(".") || !n.startsWith(prefix)
            || (continueAfter != null && n.compareTo(continueAfter) <= 0)
            || !Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        names.add(n);
      }
    } catch (NoSuchFileException e) {
      throw unreachableIfDirectoryGone(e);
    } catch (IOException e) {
      throw new KeyStoreException.Failure("fs: failed to list keys in '" + dir + "': " + reason(e), e);
    }
    names.sort(null);
    if (names.size() <= limit) {
      return ListPage.last(names);
    }
    List<String> page = names.subList(0, limit);
    return new ListPage(page, page.get(limit - 1));
  }

  @Override
  public Duration status() throws KeyStoreException {
    long start = System.nanoTime();
    if (!Files.isDirectory(dir)) {
      throw new KeyStoreException.Unreachable("fs: directory '" + dir + "' does not exist", null);
    }
    if (!Files.isReadable(dir) || !Files.isWritable(dir)) {
      throw new KeyStoreException.Failure("fs: directory '" + dir + "' is not readable and writable", null);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Override
  public String description() {
    return "Filesystem " + dir;
  }

  private Path keyPath(String name) throws KeyStoreException {
    if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.indexOf('.') >= 0) {
      throw new KeyStoreException.Invalid("fs: key name contains invalid character");
    }
    return dir.resolve(name);
  }

  /** Makes a create or delete durable: the directory entry itself must reach the disk. */
  private void syncDirectory() throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (AccessDeniedException | UnsupportedOperationException e) {
      // Some platforms cannot open a directory for fsync; the file itself was synced.
    }
  }

  private KeyStoreException unreachableIfDirectoryGone(IOException e) {
    if (!Files.isDirectory(dir)) {
      return new KeyStoreException.Unreachable("fs: directory '" + dir + "' does not exist", e);
    }
    return new KeyStoreException.Failure("fs: " + reason(e), e);
  }

  private byte[] randomBytes() {
    byte[] b = new byte[8];
    random.nextBytes(b);
    return b;
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
