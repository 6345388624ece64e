package org.openkes.core.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A 256-bit master key and its algorithm. Immutable: the bytes are copied in and never handed
 * out except through {@link #copyOfBytes()}, for encoding. {@link #toString()} never shows them.
 */
public final class SecretKey {
  /** Every KES secret key is 32 bytes. */
  public static final int SIZE = 32;

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
