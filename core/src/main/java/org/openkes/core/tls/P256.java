package org.openkes.core.tls;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.EllipticCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Curve;

/**
 * NIST P-256 (secp256r1) by BouncyCastle's curve arithmetic, and the bridge from the JDK's EC
 * keys to it. BouncyCastle's curve has its own field arithmetic and builds only a small table of
 * the generator's multiples: its first key pair costs a few milliseconds in a fresh JVM, the
 * JDK's about 150 ms, which every {@code kes} command paid in its handshake.
 *
 * <p>Only BouncyCastle's math layer is used ({@code org.bouncycastle.math.ec}), never its {@code
 * crypto} layer nor {@link ECPoint#normalize()}: those consult BouncyCastle's {@code
 * CryptoServicesRegistrar}, whose static {@code java.util.logging} logger starts the JDK's
 * logging, which looks for a logging service in every jar of the class path (about 50 ms of a
 * {@code kes} command's start-up). {@link #affine} normalises without it; field inversion is
 * constant-time either way.
 */
final class P256 {
  static final SecP256R1Curve CURVE = new SecP256R1Curve();
  /** The order of the generator (the cofactor is 1). */
  static final BigInteger N = CURVE.getOrder();
  // The field and coefficients as BigIntegers once: is() runs on every JCA lookup in a handshake.
  private static final BigInteger P = CURVE.getQ();
  private static final BigInteger A = CURVE.getA().toBigInteger();
  private static final BigInteger B = CURVE.getB().toBigInteger();
  private static final BigInteger GX =
      new BigInteger("6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296", 16);
  private static final BigInteger GY =
      new BigInteger("4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5", 16);
  /** The generator. */
  static final ECPoint G = CURVE.createPoint(GX, GY);

  /** The byte length of a field element, a scalar and a shared secret. */
  static final int SIZE = 32;

  private P256() {}

  /** Whether JDK parameters describe P-256: same field, coefficients, generator, order. */
  static boolean is(ECParameterSpec spec) {
    if (spec == null || spec.getCofactor() != 1 || !spec.getOrder().equals(N)) {
      return false;
    }
    EllipticCurve c = spec.getCurve();
    return c.getField() instanceof ECFieldFp f
        && f.getP().equals(P)
        && c.getA().equals(A)
        && c.getB().equals(B)
        && spec.getGenerator().getAffineX().equals(GX)
        && spec.getGenerator().getAffineY().equals(GY);
  }

  /** Whether a key (any EC key class) is on P-256. */
  static boolean is(Object key) {
    return key instanceof ECKey k && is(k.getParams());
  }

  /**
   * The public point of a JDK key, validated: on the curve and not the point at infinity (the
   * cofactor is 1, so every such point has order n).
   */
  static ECPoint publicPoint(ECPublicKey key) throws InvalidKeyException {
    if (!is(key)) {
      throw new InvalidKeyException("not a P-256 public key");
    }
    java.security.spec.ECPoint w = key.getW();
    if (w == null || w == java.security.spec.ECPoint.POINT_INFINITY) {
      throw new InvalidKeyException("invalid P-256 public key: the point at infinity");
    }
    try {
      return CURVE.validatePoint(w.getAffineX(), w.getAffineY());
    } catch (IllegalArgumentException e) { // not on the curve
      throw new InvalidKeyException("invalid P-256 public key: " + e.getMessage(), e);
    }
  }

  /** {@code p} in affine coordinates (see the class comment for why not {@code normalize()}). */
  static ECPoint affine(ECPoint p) {
    ECPoint[] one = {p};
    CURVE.normalizeAll(one);
    return one[0];
  }
}
