package org.openkes.core.tls;

import java.security.InvalidKeyException;
import java.security.Key;
import java.security.SecureRandom;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * X25519 agreement (RFC 7748) over any JCA X25519 keys: ours and the JDK's (JSSE builds the
 * peer's key share with the JDK's key factory). An all-zero result (a small-order peer point)
 * is refused, as the JDK does.
 */
public final class X25519KeyAgreement extends SecretOnce {
  private byte[] scalar;

  public X25519KeyAgreement() {
    super("X25519");
  }

  static boolean supportsKey(Object key) {
    return switch (key) {
      case XECPrivateKey k -> CurveProvider.isNamed(k.getParams(), "X25519")
          && k.getScalar().isPresent();
      case XECPublicKey k -> CurveProvider.isNamed(k.getParams(), "X25519");
      case null, default -> false;
    };
  }

  @Override
  protected void engineInit(Key key, SecureRandom random) throws InvalidKeyException {
    if (!(key instanceof XECPrivateKey k) || !supportsKey(k)) {
      throw new InvalidKeyException("not an X25519 private key");
    }
    scalar = k.getScalar().orElseThrow();
    forget();
  }

  @Override
  boolean accepts(AlgorithmParameterSpec params) {
    return CurveProvider.isNamed(params, "X25519");
  }

  @Override
  boolean initialised() {
    return scalar != null;
  }

  @Override
  byte[] agree(Key key) throws InvalidKeyException {
    if (!(key instanceof XECPublicKey k) || !supportsKey(k)) {
      throw new InvalidKeyException("not an X25519 public key");
    }
    // RFC 7748 §5: the u-coordinate modulo 2^255 (the top bit is ignored).
    byte[] u = CurveProvider.littleEndian(k.getU().clearBit(255));
    byte[] out = new byte[X25519.POINT_SIZE];
    if (!X25519.calculateAgreement(scalar, 0, u, 0, out, 0)) {
      throw new InvalidKeyException("Point has small order");
    }
    return out;
  }
}
