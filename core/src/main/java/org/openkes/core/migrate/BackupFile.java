package org.openkes.core.migrate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;

/** Reads a backup file written by {@link BackupWriter}. */
public final class BackupFile {
  private BackupFile() {}

  /** The backup cannot be read: wrong passphrase, corruption, or not a backup file. */
  public static final class BackupException extends Exception {
    public BackupException(String message) {
      super(message);
    }
  }

  /**
   * Decrypts every record: name → stored value. If a name occurs more than once, the first
   * (oldest) value is kept: that is the value the target held before the first overwrite.
   */
  public static Map<String, byte[]> read(Path path, char[] passphrase) throws IOException, BackupException {
    byte[] all = Files.readAllBytes(path);
    if (all.length < BackupFormat.HEADER_SIZE
        || !Arrays.equals(Arrays.copyOf(all, BackupFormat.MAGIC.length), BackupFormat.MAGIC)) {
      throw new BackupException("'" + path + "' is not a kes migrate backup file");
    }
    ByteBuffer in = ByteBuffer.wrap(all);
    byte[] header = new byte[BackupFormat.HEADER_SIZE];
    in.get(header);
    ByteBuffer h = ByteBuffer.wrap(header, BackupFormat.MAGIC.length, header.length - BackupFormat.MAGIC.length);
    byte[] salt = new byte[BackupFormat.SALT_SIZE];
    h.get(salt);
    int memoryKiB = h.getInt();
    int iterations = h.getInt();
    int parallelism = h.getInt();
    if (memoryKiB < 8 || memoryKiB > (4 << 20) || iterations < 1 || iterations > 100
        || parallelism < 1 || parallelism > 64) {
      throw new BackupException("'" + path + "' has an invalid header");
    }
    byte[] key = BackupFormat.deriveKey(passphrase, salt, memoryKiB, iterations, parallelism);
    Map<String, byte[]> values = new LinkedHashMap<>();
    long index = 0;
    try {
      while (in.hasRemaining()) {
        if (in.remaining() < 4) {
          throw truncated(path, index);
        }
        int len = in.getInt();
        if (len < BackupFormat.NONCE_SIZE + 16 || len > BackupFormat.MAX_RECORD || len > in.remaining()) {
          throw truncated(path, index);
        }
        byte[] nonce = new byte[BackupFormat.NONCE_SIZE];
        in.get(nonce);
        byte[] sealed = new byte[len - BackupFormat.NONCE_SIZE];
        in.get(sealed);
        byte[] entry;
        try {
          entry = BackupFormat.cipher(Cipher.DECRYPT_MODE, key, nonce,
              BackupFormat.associatedData(header, index)).doFinal(sealed);
        } catch (AEADBadTagException e) {
          throw new BackupException(index == 0
              ? "cannot decrypt '" + path + "': wrong passphrase, or the file is corrupted"
              : "record " + (index + 1) + " of '" + path + "' is corrupted");
        } catch (GeneralSecurityException e) {
          throw new BackupException("cannot decrypt '" + path + "': " + e.getMessage());
        }
        ByteBuffer e = ByteBuffer.wrap(entry);
        int nameLen = Short.toUnsignedInt(e.getShort());
        if (nameLen > e.remaining()) {
          throw new BackupException("record " + (index + 1) + " of '" + path + "' is malformed");
        }
        byte[] name = new byte[nameLen];
        e.get(name);
        byte[] value = new byte[e.remaining()];
        e.get(value);
        values.putIfAbsent(new String(name, StandardCharsets.UTF_8), value);
        index++;
      }
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    return values;
  }

  private static BackupException truncated(Path path, long index) {
    return new BackupException("'" + path + "' is truncated after " + index + " records");
  }
}
