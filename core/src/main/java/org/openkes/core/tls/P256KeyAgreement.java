package org.openkes.core.tls;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDH on P-256 (SEC 1 §3.3.1, the x-coordinate as 32 bytes: what TLS uses) over the JDK's EC
 * keys, by BouncyCastle's curve arithmetic ({@link P256}). The peer's point is validated first and
 * a shared point at infinity is refused, as the JDK does.
 */
public final class P256KeyAgreement extends SecretOnce {
  private BigInteger privateKey;

  public P256KeyAgreement() {
    super("ECDH");
  }

  static boolean supportsKey(Object key) {
    return key instanceof ECPrivateKey k && P256.is(k);
  }

  @Override
  protected void engineInit(Key key, SecureRandom random) throws InvalidKeyException {
    if (!(key instanceof ECPrivateKey k) || !P256.is(k)) {
      throw new InvalidKeyException("not a P-256 private key");
    }
    BigInteger d = k.getS();
    if (d.signum() <= 0 || d.compareTo(P256.N) >= 0) {
      throw new InvalidKeyException("invalid P-256 private key");
    }
    privateKey = d;
    forget();
  }

  @Override
  boolean accepts(AlgorithmParameterSpec params) {
    return false; // ECDH takes none
  }

  @Override
  boolean initialised() {
    return privateKey != null;
  }

  @Override
  byte[] agree(Key key) throws InvalidKeyException {
    if (!(key instanceof ECPublicKey k)) {
      throw new InvalidKeyException("not an EC public key");
    }
    // The comb multiplier's table lookups and additions do not depend on the scalar (ECPoint's
    // own multiply is a wNAF, whose additions do); its table costs about one more multiplication.
    ECPoint shared =
        P256.affine(new FixedPointCombMultiplier().multiply(P256.publicPoint(k), privateKey));
    if (shared.isInfinity()) { // impossible for a valid point of prime order; checked anyway
      throw new InvalidKeyException("invalid ECDH agreement: the point at infinity");
    }
    return BigIntegers.asUnsignedByteArray(P256.SIZE, shared.getAffineXCoord().toBigInteger());
  }
}
