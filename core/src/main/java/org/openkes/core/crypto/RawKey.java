package org.openkes.core.crypto;

import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * A JCE key over bytes we own, so that we can wipe them. {@link javax.crypto.spec.SecretKeySpec}
 * keeps a private copy that nobody can clear; this class hands the provider a copy on request
 * (what the provider does with it, and with its expanded key schedule, is beyond our reach) and
 * zeroes its own on {@link #destroy()}.
 */
final class RawKey implements SecretKey {
  private final String algorithm;
  private final byte[] bytes;
  private volatile boolean destroyed;

  /** Takes ownership of {@code bytes}: {@link #destroy()} zeroes the caller's array. */
  RawKey(String algorithm, byte[] bytes) {
    this.algorithm = algorithm;
    this.bytes = bytes;
  }

  @Override
  public String getAlgorithm() {
    return algorithm;
  }

  @Override
  public String getFormat() {
    return "RAW";
  }

  @Override
  public byte[] getEncoded() {
    if (destroyed) {
      throw new IllegalStateException("crypto: key has been destroyed");
    }
    return bytes.clone();
  }

  @Override
  public void destroy() {
    Arrays.fill(bytes, (byte) 0);
    destroyed = true;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "RawKey[" + algorithm + ", <redacted>]";
  }

  // Key is Serializable by inheritance; key material must never leave the process that way.
  private void writeObject(ObjectOutputStream out) throws NotSerializableException {
    throw new NotSerializableException(RawKey.class.getName());
  }
}
