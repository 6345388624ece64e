package org.openkes.core.migrate;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The encrypted backup file that {@code kes migrate --force --backup FILE} writes before it
 * overwrites anything:
 *
 * <pre>
 * header  = "OKESBK01" | salt[16] | u32 memoryKiB | u32 iterations | u32 parallelism
 * record* = u32 length | nonce[12] | AES-256-GCM(key, nonce, entry, ad = header | u64 index)
 * entry   = u16 nameLength | name (UTF-8) | value (the stored bytes, verbatim)
 * key     = Argon2id(passphrase, salt, memoryKiB, iterations, parallelism), 32 bytes
 * </pre>
 *
 * Each record is sealed and synced on its own, so a crash leaves every earlier record readable;
 * binding the record index into the associated data stops records being reordered or swapped
 * between files.
 */
final class BackupFormat {
  static final byte[] MAGIC = "OKESBK01".getBytes(StandardCharsets.US_ASCII);
  static final int SALT_SIZE = 16;
  static final int HEADER_SIZE = MAGIC.length + SALT_SIZE + 12;
  static final int NONCE_SIZE = 12;
  static final int TAG_BITS = 128;
  /** Records larger than this are corrupt: a stored key is at most 1 MiB. */
  static final int MAX_RECORD = (1 << 20) + 4096;

  /** OWASP's second recommended Argon2id setting: 64 MiB, 3 passes, 1 lane. */
  static final int MEMORY_KIB = 64 * 1024;
  static final int ITERATIONS = 3;
  static final int PARALLELISM = 1;

  private BackupFormat() {}

  static byte[] header(byte[] salt, int memoryKiB, int iterations, int parallelism) {
    return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC).put(salt)
        .putInt(memoryKiB).putInt(iterations).putInt(parallelism).array();
  }

  static byte[] deriveKey(char[] passphrase, byte[] salt, int memoryKiB, int iterations, int parallelism) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withSalt(salt).withMemoryAsKB(memoryKiB).withIterations(iterations)
        .withParallelism(parallelism).build();
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(params);
    byte[] key = new byte[32];
    gen.generateBytes(passphrase, key);
    return key;
  }

  static byte[] associatedData(byte[] header, long index) {
    return ByteBuffer.allocate(header.length + 8).put(header).putLong(index).array();
  }

  static Cipher cipher(int mode, byte[] key, byte[] nonce, byte[] ad) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    c.updateAAD(ad);
    return c;
  }
}
