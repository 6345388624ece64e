package org.openkes.core.crypto;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * The HMAC-SHA256 key stored alongside a master key (protobuf {@code HMACKey}, hash 1). Legacy
 * JSON keys have none. Immutable; {@link #toString()} never shows the bytes.
 */
public final class HmacKey {
  public static final int SIZE = 32;

  private final byte[] bytes;

  private HmacKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * @throws IllegalArgumentException if {@code bytes} is not 32 bytes long
   */
  public static HmacKey of(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("crypto: invalid HMAC key length '" + bytes.length + "'");
    }
    return new HmacKey(bytes.clone());
  }

  /** HMAC-SHA256 of {@code message} under this key (KES {@code /v1/key/hmac}); 32 bytes. */
  public byte[] mac(byte[] message) {
    Objects.requireNonNull(message, "message");
    return Jce.hmacSha256(bytes, message);
  }

  public byte[] copyOfBytes() {
    return bytes.clone();
  }

  byte[] bytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HmacKey other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return HmacKey.class.hashCode();
  }

  @Override
  public String toString() {
    return "HmacKey[<redacted>]";
  }
}
