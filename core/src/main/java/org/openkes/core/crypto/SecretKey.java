package org.openkes.core.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * A 256-bit master key and its algorithm. Immutable: the bytes are copied in and never handed
 * out except through {@link #copyOfBytes()}, for encoding. {@link #toString()} never shows them.
 *
 * <p>Encryption follows KES exactly (kes-compat §6.1): 28 random bytes are split into a 16-byte
 * IV and a 12-byte nonce; the IV and the master key derive a one-message key (HMAC-SHA256 for
 * {@link KeyType#AES256}, HChaCha20 for {@link KeyType#CHACHA20}); that key seals the plaintext
 * with AES-256-GCM or ChaCha20-Poly1305 under the nonce, with the context as associated data; the
 * output is {@code sealed || iv || nonce}. Decryption also accepts the legacy formats of older
 * KES releases (§6.3–§6.5).
 */
public final class SecretKey {
  /** Every KES secret key is 32 bytes. */
  public static final int SIZE = 32;

  /** The per-message input to the key derivation. */
  static final int IV_SIZE = 16;

  /** Bytes of randomness per ciphertext: the IV, then the AEAD nonce; 28. */
  static final int RANDOM_SIZE = IV_SIZE + Jce.NONCE_SIZE;

  /** What encryption adds to a plaintext: the tag and the random bytes. */
  public static final int OVERHEAD = Jce.TAG_SIZE + RANDOM_SIZE;

  // SecureRandom is thread-safe and meant to be shared; a per-call instance would only add
  // seeding cost. It holds no state that callers can observe or configure.
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyType type;
  private final byte[] bytes;

  private SecretKey(KeyType type, byte[] bytes) {
    this.type = type;
    this.bytes = bytes;
  }

  /**
   * A secret key from its raw bytes.
   *
   * @throws IllegalArgumentException if {@code bytes} is not 32 bytes long
   */
  public static SecretKey of(KeyType type, byte[] bytes) {
    Objects.requireNonNull(type, "type");
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("crypto: invalid secret key length '" + bytes.length + "'");
    }
    return new SecretKey(type, bytes.clone());
  }

  public KeyType type() {
    return type;
  }

  /** A copy of the key bytes; callers should zero it when done. */
  public byte[] copyOfBytes() {
    return bytes.clone();
  }

  /** Package-private view for the primitives in this package; never modified. */
  byte[] bytes() {
    return bytes;
  }

  /**
   * Encrypts and authenticates {@code plaintext}, binding {@code context} as associated data.
   * The same context must be given to {@link #decrypt}; {@code null} and empty are the same (no
   * associated data). Every call uses fresh randomness, so equal inputs give unequal outputs.
   *
   * @return {@code sealed || iv || nonce}, {@link #OVERHEAD} bytes longer than the plaintext
   */
  public byte[] encrypt(byte[] plaintext, byte[] context) {
    byte[] random = new byte[RANDOM_SIZE];
    RANDOM.nextBytes(random);
    return encrypt(plaintext, context, random);
  }

  /**
   * {@link #encrypt(byte[], byte[])} with the 28 random bytes given: only for reproducing test
   * vectors. Package-private because reusing randomness breaks the AEAD completely.
   */
  byte[] encrypt(byte[] plaintext, byte[] context, byte[] random) {
    Objects.requireNonNull(plaintext, "plaintext");
    if (random.length != RANDOM_SIZE) {
      throw new IllegalArgumentException("crypto: need " + RANDOM_SIZE + " random bytes");
    }
    if (plaintext.length > Integer.MAX_VALUE - OVERHEAD) {
      throw new IllegalArgumentException("crypto: plaintext is too large");
    }
    byte[] iv = Arrays.copyOfRange(random, 0, IV_SIZE);
    byte[] nonce = Arrays.copyOfRange(random, IV_SIZE, RANDOM_SIZE);
    byte[] out = new byte[plaintext.length + OVERHEAD];
    byte[] messageKey = deriveKey(iv);
    try {
      int n = Jce.seal(type, messageKey, nonce, plaintext, context, out);
      System.arraycopy(random, 0, out, n, RANDOM_SIZE);
    } finally {
      wipe(messageKey);
    }
    return out;
  }

  /**
   * Decrypts a ciphertext produced by {@link #encrypt} (or by any KES release, in any of its
   * formats) under this key and the same {@code context}.
   *
   * <p>Total over its input: for any bytes it returns the plaintext or throws {@link
   * DecryptionException}, which deliberately does not say what was wrong.
   *
   * @throws DecryptionException if the ciphertext is malformed, was modified, or was sealed under
   *     another key or context
   */
  public byte[] decrypt(byte[] ciphertext, byte[] context) throws DecryptionException {
    Objects.requireNonNull(ciphertext, "ciphertext");
    byte[] c = LegacyEnvelope.normalize(ciphertext);
    if (c.length <= RANDOM_SIZE) {
      throw new DecryptionException();
    }
    int sealedLength = c.length - RANDOM_SIZE;
    byte[] iv = Arrays.copyOfRange(c, sealedLength, sealedLength + IV_SIZE);
    byte[] nonce = Arrays.copyOfRange(c, sealedLength + IV_SIZE, c.length);
    // The stored key's type picks the cipher; an algorithm named in a legacy envelope does not.
    byte[] messageKey = deriveKey(iv);
    try {
      return Jce.open(type, messageKey, nonce, c, 0, sealedLength, context);
    } finally {
      wipe(messageKey);
    }
  }

  /**
   * A fresh 256-bit data encryption key and its ciphertext under this key and {@code context}
   * (KES {@code /v1/key/generate}): the ciphertext is 76 bytes.
   */
  public Dek generateDek(byte[] context) {
    byte[] plaintext = new byte[Dek.SIZE];
    RANDOM.nextBytes(plaintext);
    try {
      return new Dek(plaintext, encrypt(plaintext, context));
    } finally {
      wipe(plaintext);
    }
  }

  /** The one-message key K' for {@code iv}; the caller wipes it. */
  byte[] deriveKey(byte[] iv) {
    return switch (type) {
      case AES256 -> Jce.hmacSha256(bytes, iv);
      case CHACHA20 -> HChaCha20.hChaCha20(bytes, iv);
    };
  }

  /** Same type and same bytes, compared in constant time. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SecretKey other
        && type == other.type
        && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    // Deliberately not derived from the key bytes.
    return type.hashCode();
  }

  @Override
  public String toString() {
    return "SecretKey[" + type.apiName() + ", <redacted>]";
  }

  /** Overwrites a caller's copy of key bytes. */
  public static void wipe(byte[] b) {
    if (b != null) {
      Arrays.fill(b, (byte) 0);
    }
  }
}
