package org.openkes.core.tls;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidParameterException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyPairGeneratorSpi;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.InvalidParameterSpecException;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.WNafUtil;

/**
 * EC key pairs on P-256 (TLS key shares: JSSE asks for one in every ClientHello), computed with
 * BouncyCastle's comb multiplier ({@link P256}) and returned as the JDK's own key classes. Any
 * other curve or size is refused at initialisation, so that {@link KeyPairGenerator} moves on to
 * the next provider; a generator used without initialisation behaves as the JDK's (its default
 * curve).
 */
public final class P256KeyPairGenerator extends KeyPairGeneratorSpi {
  private ECParameterSpec params; // null: not initialised
  private SecureRandom random;

  @Override
  public void initialize(int keysize, SecureRandom random) {
    if (keysize != 256) {
      throw new InvalidParameterException("only P-256 is supported here");
    }
    try {
      initialize(new ECGenParameterSpec("secp256r1"), random);
    } catch (InvalidAlgorithmParameterException e) {
      throw new InvalidParameterException(e.getMessage());
    }
  }

  @Override
  public void initialize(AlgorithmParameterSpec spec, SecureRandom random)
      throws InvalidAlgorithmParameterException {
    ECParameterSpec p = switch (spec) {
      case ECParameterSpec s -> s;
      case ECGenParameterSpec g -> jdkParameters(g);
      case null, default -> null;
    };
    if (!P256.is(p)) {
      throw new InvalidAlgorithmParameterException("only P-256 is supported here");
    }
    this.params = p; // the caller's own object: JSSE compares its curves by identity
    this.random = random;
  }

  @Override
  public KeyPair generateKeyPair() {
    if (params == null) {
      return jdkDefault();
    }
    BigInteger d = randomScalar(random != null ? random : new SecureRandom());
    org.bouncycastle.math.ec.ECPoint q =
        P256.affine(new FixedPointCombMultiplier().multiply(P256.G, d));
    ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    try {
      KeyFactory f = KeyFactory.getInstance("EC");
      return new KeyPair(f.generatePublic(new ECPublicKeySpec(w, params)),
          f.generatePrivate(new ECPrivateKeySpec(d, params)));
    } catch (GeneralSecurityException e) {
      throw new ProviderException("cannot represent a P-256 key pair", e);
    }
  }

  /**
   * A private scalar as BouncyCastle's {@code ECKeyPairGenerator} draws one: uniform in [1, n-1],
   * redrawn while its NAF has fewer than 64 non-zero digits (BouncyCastle's guard against scalars
   * that make the multiplication unusually cheap; it almost never triggers).
   */
  private static BigInteger randomScalar(SecureRandom random) {
    int minWeight = P256.N.bitLength() >>> 2;
    while (true) {
      BigInteger d = new BigInteger(P256.N.bitLength(), random);
      if (d.signum() > 0 && d.compareTo(P256.N) < 0 && WNafUtil.getNafWeight(d) >= minWeight) {
        return d;
      }
    }
  }

  /** The JDK's parameters for a curve name ("secp256r1", "P-256", an OID, ...). */
  private static ECParameterSpec jdkParameters(ECGenParameterSpec g)
      throws InvalidAlgorithmParameterException {
    try {
      AlgorithmParameters a = AlgorithmParameters.getInstance("EC");
      a.init(g);
      return a.getParameterSpec(ECParameterSpec.class);
    } catch (NoSuchAlgorithmException | InvalidParameterSpecException e) {
      throw new InvalidAlgorithmParameterException("unknown curve " + g.getName(), e);
    }
  }

  private static KeyPair jdkDefault() {
    try {
      return KeyPairGenerator.getInstance("EC", "SunEC").generateKeyPair();
    } catch (NoSuchAlgorithmException | NoSuchProviderException e) {
      throw new ProviderException("no default EC key pair generator", e);
    }
  }
}
