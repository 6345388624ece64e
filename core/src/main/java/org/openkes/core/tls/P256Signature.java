package org.openkes.core.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ECDSA verification on P-256 with a SHA-2 hash (the server's CertificateVerify and certificate
 * chains a client checks), by BouncyCastle's curve arithmetic ({@link P256}); the signature is
 * DER as X.509 and TLS carry it.
 * Verification only: signing needs a private key, which the JDK keeps signing with.
 */
public final class P256Signature extends ParameterlessSignature {
  private final String digestName;
  private MessageDigest digest;
  private ECPoint publicPoint;

  /** {@code digestName}: "SHA-256", "SHA-384" or "SHA-512". */
  P256Signature(String digestName) {
    this.digestName = digestName;
  }

  static boolean supportsKey(Object key) {
    return key instanceof ECPublicKey k && P256.is(k);
  }

  @Override
  protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
    if (!(key instanceof ECPublicKey k)) {
      throw new InvalidKeyException("not an EC public key");
    }
    publicPoint = P256.publicPoint(k);
    digest = newDigest();
  }

  @Override
  protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
    throw new InvalidKeyException("P-256 signing is left to the JDK's provider");
  }

  @Override
  protected void engineUpdate(byte b) throws SignatureException {
    initialised().update(b);
  }

  @Override
  protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
    initialised().update(b, off, len);
  }

  @Override
  protected byte[] engineSign() throws SignatureException {
    throw new SignatureException("not initialised for signing");
  }

  /**
   * False for a well-formed signature that does not verify (r or s out of range included); a
   * signature that is not DER is an exception. Both as the JDK's provider.
   */
  @Override
  protected boolean engineVerify(byte[] sig) throws SignatureException {
    byte[] hash = initialised().digest();
    BigInteger[] rs = decode(sig);
    return verify(publicPoint, hash, rs[0], rs[1]);
  }

  /**
   * ECDSA verification (SEC 1 §4.1.4, FIPS 186-5 §6.4.2): r and s in [1, n-1]; e the leftmost 256
   * bits of the hash; R = (e/s)·G + (r/s)·Q, not infinity; valid when x(R) mod n = r. Everything
   * here is public, so variable-time arithmetic is fine.
   */
  static boolean verify(ECPoint q, byte[] hash, BigInteger r, BigInteger s) {
    BigInteger n = P256.N;
    if (r.signum() <= 0 || r.compareTo(n) >= 0 || s.signum() <= 0 || s.compareTo(n) >= 0) {
      return false;
    }
    BigInteger e = new BigInteger(1, hash);
    int excess = hash.length * 8 - n.bitLength();
    if (excess > 0) {
      e = e.shiftRight(excess);
    }
    BigInteger w = s.modInverse(n);
    ECPoint point = ECAlgorithms.sumOfTwoMultiplies(
        P256.G, e.multiply(w).mod(n), q, r.multiply(w).mod(n));
    if (point.isInfinity()) {
      return false;
    }
    return P256.affine(point).getAffineXCoord().toBigInteger().mod(n).equals(r);
  }

  /** SEQUENCE { r INTEGER, s INTEGER } in DER: nothing before, after or in between. */
  private static BigInteger[] decode(byte[] sig) throws SignatureException {
    try {
      ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(sig));
      if (seq.size() == 2 && Arrays.equals(seq.getEncoded(ASN1Encoding.DER), sig)) {
        return new BigInteger[] {
          ASN1Integer.getInstance(seq.getObjectAt(0)).getValue(),
          ASN1Integer.getInstance(seq.getObjectAt(1)).getValue()
        };
      }
    } catch (IOException | RuntimeException e) { // BouncyCastle: IllegalArgument, ClassCast, ...
      throw new SignatureException("invalid encoding for signature", e);
    }
    throw new SignatureException("invalid encoding for signature");
  }

  @Override
  protected void engineSetParameter(AlgorithmParameterSpec params)
      throws InvalidAlgorithmParameterException {
    if (params != null) {
      throw new InvalidAlgorithmParameterException("ECDSA takes no parameters");
    }
  }

  private MessageDigest initialised() throws SignatureException {
    if (digest == null) {
      throw new SignatureException("not initialised for verification");
    }
    return digest;
  }

  private MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(digestName);
    } catch (NoSuchAlgorithmException e) {
      throw new ProviderException(digestName + " is not available", e);
    }
  }
}
