package org.openkes.core.identity;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Legacy PEM encryption (RFC 1423, OpenSSL's {@code Proc-Type: 4,ENCRYPTED}) exactly as Go's
 * {@code x509.DecryptPEMBlock} / {@code EncryptPEMBlock}: key = OpenSSL's EVP_BytesToKey with MD5,
 * one iteration, salt = first 8 IV bytes; CBC; padding checked by hand so that the error texts
 * are Go's. The scheme is unauthenticated and weak; KES supports it only for {@code tls.password}
 * and {@code kes identity new --encrypt}, and so do we.
 */
final class Rfc1423 {
  private Rfc1423() {}

  /** The ciphers Go knows, with their DEK-Info names. */
  enum Algorithm {
    DES_CBC("DES-CBC", "DES", 8, 8),
    DES_EDE3_CBC("DES-EDE3-CBC", "DESede", 24, 8),
    AES_128_CBC("AES-128-CBC", "AES", 16, 16),
    AES_192_CBC("AES-192-CBC", "AES", 24, 16),
    AES_256_CBC("AES-256-CBC", "AES", 32, 16);

    final String dekName;
    final String jcaName;
    final int keySize;
    final int blockSize;

    Algorithm(String dekName, String jcaName, int keySize, int blockSize) {
      this.dekName = dekName;
      this.jcaName = jcaName;
      this.keySize = keySize;
      this.blockSize = blockSize;
    }

    static Algorithm byName(String name) {
      for (Algorithm a : values()) {
        if (a.dekName.equals(name)) {
          return a;
        }
      }
      return null;
    }
  }

  /** Go's {@code x509.IsEncryptedPEMBlock}: only the presence of DEK-Info counts. */
  static boolean isEncrypted(GoPem.Block block) {
    return block.headers().containsKey("DEK-Info");
  }

  /**
   * Decrypts an encrypted block.
   *
   * @throws KeyMaterialException {@code INCORRECT_PASSWORD} when the padding is wrong (which is
   *     how a wrong password usually shows), {@code MALFORMED_ENCRYPTION} for a broken header
   */
  static byte[] decrypt(GoPem.Block block, byte[] password) throws KeyMaterialException {
    String dek = block.headers().get("DEK-Info");
    if (dek == null) {
      throw malformed("x509: no DEK-Info header in block");
    }
    int comma = dek.indexOf(',');
    if (comma < 0) {
      throw malformed("x509: malformed DEK-Info header");
    }
    Algorithm alg = Algorithm.byName(dek.substring(0, comma));
    if (alg == null) {
      throw malformed("x509: unknown encryption mode");
    }
    byte[] iv = goHexDecode(dek.substring(comma + 1));
    if (iv.length != alg.blockSize) {
      throw malformed("x509: incorrect IV size");
    }
    byte[] ciphertext = block.bytes();
    if (ciphertext.length % alg.blockSize != 0) {
      throw malformed("x509: encrypted PEM data is not a multiple of the block size");
    }
    if (ciphertext.length == 0) {
      throw malformed("x509: invalid padding");
    }
    byte[] key = deriveKey(alg, password, iv);
    byte[] data;
    try {
      Cipher c = Cipher.getInstance(alg.jcaName + "/CBC/NoPadding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, alg.jcaName), new IvParameterSpec(iv));
      data = c.doFinal(ciphertext);
    } catch (GeneralSecurityException e) {
      // Every JDK ships these ciphers; failing here is an environment fault, not bad input.
      throw new IllegalStateException("RFC 1423 cipher unavailable: " + alg.dekName, e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    int last = data[data.length - 1] & 0xff;
    boolean ok = last != 0 && last <= alg.blockSize && last <= data.length;
    for (int i = data.length - last; ok && i < data.length; i++) {
      ok = (data[i] & 0xff) == last;
    }
    if (!ok) {
      Arrays.fill(data, (byte) 0);
      throw new KeyMaterialException(
          KeyMaterialException.Kind.INCORRECT_PASSWORD, "x509: decryption password incorrect");
    }
    byte[] plain = Arrays.copyOf(data, data.length - last);
    Arrays.fill(data, (byte) 0);
    return plain;
  }

  /** Go's {@code EncryptPEMBlock}: DEK-Info IV in lower-case hex, as Go writes it. */
  static GoPem.Block encrypt(
      String type, byte[] data, byte[] password, Algorithm alg, SecureRandom random) {
    byte[] iv = new byte[alg.blockSize];
    random.nextBytes(iv);
    byte[] key = deriveKey(alg, password, iv);
    int pad = alg.blockSize - data.length % alg.blockSize;
    byte[] padded = Arrays.copyOf(data, data.length + pad);
    Arrays.fill(padded, data.length, padded.length, (byte) pad);
    try {
      Cipher c = Cipher.getInstance(alg.jcaName + "/CBC/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, alg.jcaName), new IvParameterSpec(iv));
      byte[] encrypted = c.doFinal(padded);
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Proc-Type", "4,ENCRYPTED");
      headers.put("DEK-Info", alg.dekName + "," + HexFormat.of().formatHex(iv));
      return new GoPem.Block(type, headers, encrypted);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RFC 1423 cipher unavailable: " + alg.dekName, e);
    } finally {
      Arrays.fill(key, (byte) 0);
      Arrays.fill(padded, (byte) 0);
    }
  }

  /** OpenSSL's EVP_BytesToKey(MD5, count 1) with the first 8 IV bytes as salt. */
  private static byte[] deriveKey(Algorithm alg, byte[] password, byte[] iv) {
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("MD5 unavailable", e);
    }
    byte[] out = new byte[alg.keySize];
    byte[] digest = new byte[0];
    for (int i = 0; i < out.length; i += digest.length) {
      md5.reset();
      md5.update(digest);
      md5.update(password);
      md5.update(iv, 0, 8);
      digest = md5.digest();
      System.arraycopy(digest, 0, out, i, Math.min(digest.length, out.length - i));
    }
    return out;
  }

  /** Go's {@code hex.DecodeString}, with its error texts. */
  private static byte[] goHexDecode(String s) throws KeyMaterialException {
    byte[] src = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] dst = new byte[src.length / 2];
    int j = 1;
    for (; j < src.length; j += 2) {
      int a = Character.digit(src[j - 1] & 0xff, 16);
      int b = Character.digit(src[j] & 0xff, 16);
      if (a < 0 || !isAsciiHex(src[j - 1])) {
        throw malformed(invalidHexByte(src[j - 1]));
      }
      if (b < 0 || !isAsciiHex(src[j])) {
        throw malformed(invalidHexByte(src[j]));
      }
      dst[j / 2] = (byte) (a << 4 | b);
    }
    if (src.length % 2 == 1) {
      if (!isAsciiHex(src[j - 1])) {
        throw malformed(invalidHexByte(src[j - 1]));
      }
      throw malformed("encoding/hex: odd length hex string");
    }
    return dst;
  }

  private static boolean isAsciiHex(byte c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Go's {@code InvalidByteError}: {@code %#U} of the byte taken as a rune. */
  private static String invalidHexByte(byte b) {
    int c = b & 0xff;
    String u = String.format("U+%04X", c);
    boolean printable = c == 0x20 || (c > 0x20 && c < 0x7f) || (c >= 0xa1 && c != 0xad);
    return "encoding/hex: invalid byte: " + (printable ? u + " '" + (char) c + "'" : u);
  }

  private static KeyMaterialException malformed(String message) {
    return new KeyMaterialException(KeyMaterialException.Kind.MALFORMED_ENCRYPTION, message);
  }
}
