package org.openkes.core.tls;

import java.io.ByteArrayOutputStream;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.EdDSAParameterSpec;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** One-shot Ed25519: the message is collected, then signed or verified at once. */
public final class Ed25519Signature extends ParameterlessSignature {
  private final ByteArrayOutputStream message = new ByteArrayOutputStream(256);
  private byte[] secret; // signing
  private byte[] publicKey; // verifying, or the signer's own

  @Override
  protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
    if (!(key instanceof EdECPublicKey k) || !CurveProvider.supportsKey(k)) {
      throw new InvalidKeyException("not an Ed25519 public key");
    }
    byte[] encoded = CurveProvider.encode(k);
    if (!Ed25519.validatePublicKeyPartial(encoded, 0)) {
      throw new InvalidKeyException("invalid Ed25519 public key");
    }
    secret = null;
    publicKey = encoded;
    message.reset();
  }

  @Override
  protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
    if (!(key instanceof EdECPrivateKey k) || !CurveProvider.supportsKey(k)) {
      throw new InvalidKeyException("not an Ed25519 private key");
    }
    secret = k.getBytes().orElseThrow(() -> new InvalidKeyException("key bytes unavailable"));
    publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(secret, 0, publicKey, 0);
    message.reset();
  }

  @Override
  protected void engineUpdate(byte b) {
    message.write(b);
  }

  @Override
  protected void engineUpdate(byte[] b, int off, int len) {
    message.write(b, off, len);
  }

  @Override
  protected byte[] engineSign() throws SignatureException {
    if (secret == null) {
      throw new SignatureException("not initialised for signing");
    }
    byte[] m = message.toByteArray();
    message.reset();
    byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(secret, 0, publicKey, 0, m, 0, m.length, sig, 0);
    return sig;
  }

  @Override
  protected boolean engineVerify(byte[] sig) throws SignatureException {
    if (publicKey == null || secret != null) {
      throw new SignatureException("not initialised for verification");
    }
    byte[] m = message.toByteArray();
    message.reset();
    return sig.length == Ed25519.SIGNATURE_SIZE
        && Ed25519.verify(sig, 0, publicKey, 0, m, 0, m.length);
  }

  /** Pure Ed25519 only: no pre-hash, no context (what TLS and X.509 use). */
  @Override
  protected void engineSetParameter(AlgorithmParameterSpec params)
      throws InvalidAlgorithmParameterException {
    if (params instanceof EdDSAParameterSpec p && !p.isPrehash() && p.getContext().isEmpty()) {
      return;
    }
    if (params != null) {
      throw new InvalidAlgorithmParameterException("only pure Ed25519 is supported");
    }
  }
}
