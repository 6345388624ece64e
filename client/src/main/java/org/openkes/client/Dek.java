package org.openkes.client;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A data encryption key from {@code /v1/key/generate}: the plaintext to use and forget, and the
 * ciphertext to store, which only the server can decrypt (with the same context).
 *
 * <p>The arrays are copied in and out; {@link #toString()} never shows the plaintext; {@link
 * #equals} compares the plaintext in constant time.
 */
public record Dek(byte[] plaintext, byte[] ciphertext) {
  public Dek {
    plaintext = plaintext.clone();
    ciphertext = ciphertext.clone();
  }

  /** A copy of the key; zero it when done. */
  @Override
  public byte[] plaintext() {
    return plaintext.clone();
  }

  @Override
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
    return Arrays.hashCode(ciphertext); // the plaintext stays out
  }

  @Override
  public String toString() {
    return "Dek[plaintext=<redacted>, ciphertext=<" + ciphertext.length + " bytes>]";
  }
}
