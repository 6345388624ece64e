package org.openkes.core.tls;

import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidParameterException;
import java.security.KeyPair;
import java.security.KeyPairGeneratorSpi;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** Ephemeral X25519 key pairs (RFC 7748) for TLS key shares; any other curve is refused. */
public final class X25519KeyPairGenerator extends KeyPairGeneratorSpi {
  private SecureRandom random;

  @Override
  public void initialize(int keysize, SecureRandom random) {
    if (keysize != 255) {
      throw new InvalidParameterException("only X25519 (255 bits) is supported");
    }
    this.random = random;
  }

  @Override
  public void initialize(AlgorithmParameterSpec params, SecureRandom random)
      throws InvalidAlgorithmParameterException {
    if (!CurveProvider.isNamed(params, "X25519")) {
      throw new InvalidAlgorithmParameterException("only X25519 is supported");
    }
    this.random = random;
  }

  @Override
  public KeyPair generateKeyPair() {
    byte[] scalar = new byte[X25519.SCALAR_SIZE];
    (random != null ? random : new SecureRandom()).nextBytes(scalar);
    byte[] u = new byte[X25519.POINT_SIZE];
    X25519.scalarMultBase(scalar, 0, u, 0);
    KeyPair pair = new KeyPair(new X25519Keys.Public(u), new X25519Keys.Private(scalar));
    Arrays.fill(scalar, (byte) 0);
    return pair;
  }
}
