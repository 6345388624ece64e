package org.openkes.core.tls;

import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.KeyAgreementSpi;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * A one-phase key agreement (X25519, ECDH): the subclass checks parameters and keys and computes
 * the shared secret; here the phase rules, and the secret, which can be taken once in any of
 * JCA's three forms, as the JDK's own agreements allow. A second secret needs another {@code
 * doPhase}.
 */
abstract class SecretOnce extends KeyAgreementSpi {
  private final String name;
  private byte[] secret;

  /** {@code name}: the agreement's name in messages ("X25519", "ECDH"). */
  SecretOnce(String name) {
    this.name = name;
  }

  /** Whether {@code init} takes these (non-null) parameters. */
  abstract boolean accepts(AlgorithmParameterSpec params);

  /** Whether {@code init} has been given a private key. */
  abstract boolean initialised();

  /** The shared secret with the peer's public key; the key is checked here. */
  abstract byte[] agree(Key peer) throws InvalidKeyException;

  @Override
  protected final void engineInit(Key key, AlgorithmParameterSpec params, SecureRandom random)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    if (params != null && !accepts(params)) {
      throw new InvalidAlgorithmParameterException(name + ": unsupported parameters " + params);
    }
    engineInit(key, random);
  }

  @Override
  protected final Key engineDoPhase(Key key, boolean lastPhase) throws InvalidKeyException {
    if (!initialised()) {
      throw new IllegalStateException("not initialised");
    }
    if (!lastPhase) {
      throw new IllegalStateException(name + " has exactly one phase");
    }
    secret = agree(key);
    return null;
  }

  /** Called by {@code init}: a new private key forgets any secret not yet taken. */
  final void forget() {
    if (secret != null) {
      Arrays.fill(secret, (byte) 0);
      secret = null;
    }
  }

  @Override
  protected final byte[] engineGenerateSecret() {
    return take();
  }

  @Override
  protected final int engineGenerateSecret(byte[] sharedSecret, int offset)
      throws ShortBufferException {
    if (secret != null && sharedSecret.length - offset < secret.length) {
      throw new ShortBufferException("need " + secret.length + " bytes");
    }
    byte[] s = take();
    System.arraycopy(s, 0, sharedSecret, offset, s.length);
    Arrays.fill(s, (byte) 0);
    return s.length;
  }

  @Override
  protected final SecretKey engineGenerateSecret(String algorithm) {
    byte[] s = take();
    SecretKey key = new SecretKeySpec(s, algorithm);
    Arrays.fill(s, (byte) 0);
    return key;
  }

  private byte[] take() {
    if (secret == null) {
      throw new IllegalStateException("no secret: doPhase first");
    }
    byte[] s = secret;
    secret = null;
    return s;
  }
}
