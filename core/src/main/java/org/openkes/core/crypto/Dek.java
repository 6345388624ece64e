package org.openkes.core.crypto;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A data encryption key: its plaintext, for the caller to use and forget, and its ciphertext
 * under a master key, for the caller to store (KES {@code /v1/key/generate}). Immutable; the
 * accessors return copies, and {@link #toString()} never shows the plaintext.
 */
public final class Dek {
  /** KES generates 256-bit data keys. */
  public static final int SIZE = 32;

  private final byte[] plaintext;
  private final byte[] ciphertext;

  Dek(byte[] plaintext, byte[] ciphertext) {
    this.plaintext = plaintext.clone();
    this.ciphertext = ciphertext.clone();
  }

  /** A copy of the key bytes; callers should zero it when done. */
  public byte[] plaintext() {
    return plaintext.clone();
  }

  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Dek other
        && MessageDigest.isEqual(plaintext, other.plaintext)
        && Arrays.equals(ciphertext, other.ciphertext);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ciphertext); // the ciphertext is not secret; the plaintext stays out
  }

  @Override
  public String toString() {
    return "Dek[plaintext=<redacted>, ciphertext=<" + ciphertext.length + " bytes>]";
  }
}
