package org.openkes.server.tls;

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
  private static final byte[] PKCS8_PREFIX =
      HexFormat.of().parseHex("302e020100300506032b656e04220420"); // RFC 8410
  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b656e032100");

  private X25519Keys() {}

  private static byte[] concat(byte[] prefix, byte[] key) {
    byte[] out = Arrays.copyOf(prefix, prefix.length + key.length);
    System.arraycopy(key, 0, out, prefix.length, key.length);
    return out;
  }

  /** A private scalar (32 bytes, as drawn; clamping happens in the scalar multiplication). */
  static final class Private implements XECPrivateKey {
    private final byte[] scalar;

    Private(byte[] scalar) {
      this.scalar = scalar.clone();
    }

    @Override
    public Optional<byte[]> getScalar() {
      return Optional.of(scalar.clone());
    }

    @Override
    public AlgorithmParameterSpec getParams() {
      return NamedParameterSpec.X25519;
    }

    @Override
    public String getAlgorithm() {
      return "XDH";
    }

    @Override
    public String getFormat() {
      return "PKCS#8";
    }

    @Override
    public byte[] getEncoded() {
      return concat(PKCS8_PREFIX, scalar);
    }

    @Override
    public String toString() {
      return "X25519 private key <redacted>";
    }
  }

  /** A public u-coordinate (32 little-endian bytes). */
  static final class Public implements XECPublicKey {
    private final byte[] u;

    Public(byte[] u) {
      this.u = u.clone();
    }

    @Override
    public BigInteger getU() {
      return Curve25519Provider.fromLittleEndian(u);
    }

    @Override
    public AlgorithmParameterSpec getParams() {
      return NamedParameterSpec.X25519;
    }

    @Override
    public String getAlgorithm() {
      return "XDH";
    }

    @Override
    public String getFormat() {
      return "X.509";
    }

    @Override
    public byte[] getEncoded() {
      return concat(SPKI_PREFIX, u);
    }
  }
}
