package org.openkes.core.migrate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import javax.crypto.Cipher;

/**
 * Appends values about to be overwritten to an encrypted backup file ({@link BackupFormat}),
 * each one synced to disk before {@link #append} returns, so that the caller may delete the
 * original afterwards. Thread-safe. The file is created new (never replaced), mode 0600.
 */
public final class BackupWriter implements AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  private final byte[] header;
  private final byte[] key;
  private final SecureRandom random = new SecureRandom();
  private long index;
  private boolean closed;

  private BackupWriter(Path path, FileChannel channel, byte[] header, byte[] key) {
    this.path = path;
    this.channel = channel;
    this.header = header;
    this.key = key;
  }

  /**
   * Creates the backup file.
   *
   * @throws IOException if it exists already (never overwritten) or cannot be written
   */
  public static BackupWriter create(Path path, char[] passphrase) throws IOException {
    return create(path, passphrase, BackupFormat.MEMORY_KIB, BackupFormat.ITERATIONS);
  }

  /** With explicit KDF cost; tests use a cheap one. */
  static BackupWriter create(Path path, char[] passphrase, int memoryKiB, int iterations) throws IOException {
    if (passphrase.length == 0) {
      throw new IllegalArgumentException("the backup passphrase must not be empty");
    }
    byte[] salt = new byte[BackupFormat.SALT_SIZE];
    new SecureRandom().nextBytes(salt);
    byte[] header = BackupFormat.header(salt, memoryKiB, iterations, BackupFormat.PARALLELISM);
    byte[] key = BackupFormat.deriveKey(passphrase, salt, memoryKiB, iterations, BackupFormat.PARALLELISM);
    FileChannel ch;
    try {
      ch = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      throw new IOException("backup file '" + path + "' already exists; choose a new file name", e);
    }
    BackupWriter w = new BackupWriter(path, ch, header, key);
    w.writeFully(ByteBuffer.wrap(header));
    ch.force(true);
    return w;
  }

  public Path path() {
    return path;
  }

  /** Seals {@code name → value} into the file and syncs it to disk. */
  public synchronized void append(String name, byte[] value) throws IOException {
    if (closed) {
      throw new IOException("backup file '" + path + "' is closed");
    }
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    byte[] entry = ByteBuffer.allocate(2 + nameBytes.length + value.length)
        .putShort((short) nameBytes.length).put(nameBytes).put(value).array();
    byte[] nonce = new byte[BackupFormat.NONCE_SIZE];
    random.nextBytes(nonce);
    byte[] sealed;
    try {
      Cipher c = BackupFormat.cipher(Cipher.ENCRYPT_MODE, key, nonce,
          BackupFormat.associatedData(header, index));
      sealed = c.doFinal(entry);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot encrypt backup record", e);
    } finally {
      Arrays.fill(entry, (byte) 0);
    }
    ByteBuffer record = ByteBuffer.allocate(4 + nonce.length + sealed.length)
        .putInt(nonce.length + sealed.length).put(nonce).put(sealed).flip();
    writeFully(record);
    channel.force(true);
    index++;
  }

  /** How many records were written. */
  public synchronized long count() {
    return index;
  }

  @Override
  public synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      Arrays.fill(key, (byte) 0);
      channel.close();
    }
  }

  private void writeFully(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      channel.write(b);
    }
  }
}
