package org.openkes.core.tls;

import java.util.Arrays;
import javax.crypto.KeyAgreementSpi;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * The end of a one-phase key agreement (X25519, ECDH): the subclass computes the shared secret in
 * {@code doPhase} and {@link #agreed stores} it; it can then be taken once, in any of JCA's three
 * forms, as the JDK's own agreements allow. A second secret needs another {@code doPhase}.
 */
abstract class SecretOnce extends KeyAgreementSpi {
  private byte[] secret;

  /** Called by {@code doPhase} with the new shared secret. */
  final void agreed(byte[] shared) {
    secret = shared;
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
