package org.openkes.server.tls;

import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.SecureRandom;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.KeyAgreementSpi;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * X25519 agreement (RFC 7748) over any JCA X25519 keys: ours and the JDK's (JSSE builds the
 * peer's key share with the JDK's key factory). An all-zero result (a small-order peer point)
 * is refused, as the JDK does.
 */
public final class X25519KeyAgreement extends KeyAgreementSpi {
  private byte[] scalar;
  private byte[] secret;

  static boolean supportsKey(Object key) {
    return switch (key) {
      case XECPrivateKey k -> Curve25519Provider.isNamed(k.getParams(), "X25519")
          && k.getScalar().isPresent();
      case XECPublicKey k -> Curve25519Provider.isNamed(k.getParams(), "X25519");
      case null, default -> false;
    };
  }

  @Override
  protected void engineInit(Key key, SecureRandom random) throws InvalidKeyException {
    if (!(key instanceof XECPrivateKey k) || !supportsKey(k)) {
      throw new InvalidKeyException("not an X25519 private key");
    }
    scalar = k.getScalar().orElseThrow();
    secret = null;
  }

  @Override
  protected void engineInit(Key key, AlgorithmParameterSpec params, SecureRandom random)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    if (params != null && !Curve25519Provider.isNamed(params, "X25519")) {
      throw new InvalidAlgorithmParameterException("only X25519 is supported");
    }
    engineInit(key, random);
  }

  @Override
  protected Key engineDoPhase(Key key, boolean lastPhase) throws InvalidKeyException {
    if (scalar == null) {
      throw new IllegalStateException("not initialised");
    }
    if (!lastPhase) {
      throw new IllegalStateException("X25519 has exactly one phase");
    }
    if (!(key instanceof XECPublicKey k) || !supportsKey(k)) {
      throw new InvalidKeyException("not an X25519 public key");
    }
    // RFC 7748 §5: the u-coordinate modulo 2^255 (the top bit is ignored).
    byte[] u = Curve25519Provider.littleEndian(k.getU().clearBit(255));
    byte[] out = new byte[X25519.POINT_SIZE];
    if (!X25519.calculateAgreement(scalar, 0, u, 0, out, 0)) {
      throw new InvalidKeyException("Point has small order");
    }
    secret = out;
    return null;
  }

  @Override
  protected byte[] engineGenerateSecret() {
    return take();
  }

  @Override
  protected int engineGenerateSecret(byte[] sharedSecret, int offset) throws ShortBufferException {
    if (secret != null && sharedSecret.length - offset < secret.length) {
      throw new ShortBufferException("need " + secret.length + " bytes");
    }
    byte[] s = take();
    System.arraycopy(s, 0, sharedSecret, offset, s.length);
    Arrays.fill(s, (byte) 0);
    return X25519.POINT_SIZE;
  }

  @Override
  protected SecretKey engineGenerateSecret(String algorithm) {
    byte[] s = take();
    SecretKey key = new SecretKeySpec(s, algorithm);
    Arrays.fill(s, (byte) 0);
    return key;
  }

  /** The secret, once: a second call needs another doPhase, as the JDK's XDH. */
  private byte[] take() {
    if (secret == null) {
      throw new IllegalStateException("no secret: doPhase first");
    }
    byte[] s = secret;
    secret = null;
    return s;
  }
}
