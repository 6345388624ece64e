package org.openkes.core.tls;

import java.math.BigInteger;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/** X25519 keys as JCA sees them, made by {@link X25519KeyPairGenerator}. */
final class X25519Keys {
  private X25519Keys() {}

  /** What both halves share: 32 bytes, the X25519 parameters, an RFC 8410 encoding. */
  private abstract static class Key {
    final byte[] bytes;
    private final byte[] prefix;
    private final String format;

    Key(byte[] bytes, String prefixHex, String format) {
      this.bytes = bytes.clone();
      this.prefix = HexFormat.of().parseHex(prefixHex);
      this.format = format;
    }

    public AlgorithmParameterSpec getParams() {
      return NamedParameterSpec.X25519;
    }

    public String getAlgorithm() {
      return "XDH";
    }

    public String getFormat() {
      return format;
    }

    public byte[] getEncoded() {
      byte[] out = Arrays.copyOf(prefix, prefix.length + bytes.length);
      System.arraycopy(bytes, 0, out, prefix.length, bytes.length);
      return out;
    }
  }

  /** A private scalar (32 bytes, as drawn; clamping happens in the scalar multiplication). */
  static final class Private extends Key implements XECPrivateKey {
    Private(byte[] scalar) {
      super(scalar, "302e020100300506032b656e04220420", "PKCS#8");
    }

    @Override
    public Optional<byte[]> getScalar() {
      return Optional.of(bytes.clone());
    }

    @Override
    public String toString() {
      return "X25519 private key <redacted>";
    }
  }

  /** A public u-coordinate (32 little-endian bytes). */
  static final class Public extends Key implements XECPublicKey {
    Public(byte[] u) {
      super(u, "302a300506032b656e032100", "X.509");
    }

    @Override
    public BigInteger getU() {
      return CurveProvider.fromLittleEndian(bytes);
    }
  }
}
