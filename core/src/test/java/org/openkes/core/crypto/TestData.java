package org.openkes.core.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/** The master keys, random bytes, plaintexts and contexts of kes-compat §6.6. */
final class TestData {
  private TestData() {}

  /** 32 zero bytes. */
  static final byte[] KZ = new byte[32];

  static final byte[] K2 = b64("dDHbTWgo+Yh3u804SYB5OyVMy6RiLeJYBQth1f6KlEU=");

  /** 000102…1f. */
  static final byte[] KA = b64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");

  /** SHA-256("kes-compat key B"). */
  static final byte[] KB = b64("WyLt8JaWRZI8FqGYbuDjP35eSPM5BJ2BeUMJ41c+DUc=");

  /** 808182…9b: iv 80…8f, nonce 90…9b. */
  static final byte[] R1 = hex("808182838485868788898a8b8c8d8e8f" + "909192939495969798999a9b");

  /** 16×11 ‖ 12×22. */
  static final byte[] R2 = hex("11".repeat(16) + "22".repeat(12));

  static final byte[] P1 = utf8("Hello World");

  /** a0a1…bf. */
  static final byte[] P2 = b64("oKGio6SlpqeoqaqrrK2ur7CxsrO0tba3uLm6u7y9vr8=");

  static final byte[] C2 = utf8("{\"MinIO\":\"my-bucket/my-object\"}");

  static SecretKey aes(byte[] k) {
    return SecretKey.of(KeyType.AES256, k);
  }

  static SecretKey chacha(byte[] k) {
    return SecretKey.of(KeyType.CHACHA20, k);
  }

  static byte[] b64(String s) {
    return Base64.getDecoder().decode(s);
  }

  static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
