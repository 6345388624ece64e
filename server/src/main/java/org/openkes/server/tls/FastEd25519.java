package org.openkes.server.tls;

import java.io.ByteArrayOutputStream;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.EdDSAParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Map;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 signatures for TLS handshakes, computed by BouncyCastle's RFC 8032 code instead of the
 * JDK's. KES identities are usually Ed25519 certificates ({@code kes identity new}), so every
 * TLS 1.3 handshake verifies one Ed25519 signature (the client's CertificateVerify) and, with an
 * Ed25519 server key, makes another. The JDK's generic field arithmetic takes milliseconds for
 * each; BouncyCastle's dedicated code about 40 times less (docs/performance.md, handshakes).
 *
 * <p>Only pure Ed25519 over JDK {@link EdECPrivateKey}/{@link EdECPublicKey} keys is served;
 * anything else (Ed448, other key classes) is left to the next provider, as JCA's delayed
 * provider selection does when {@link #supportsKey} says no.
 */
public final class FastEd25519 extends Provider {
  static final String NAME = "OpenKES-Ed25519";

  /** Use {@link #install()}; tests build their own, outside the global list. */
  FastEd25519() {
    super(NAME, "1.0", "Ed25519 signatures for TLS handshakes (BouncyCastle RFC 8032)");
    Map<String, String> attrs = Map.of("SupportedKeyClasses",
        EdECPrivateKey.class.getName() + "|" + EdECPublicKey.class.getName());
    for (String alg : new String[] {"Ed25519", "EdDSA"}) {
      putService(new Service(this, "Signature", alg, Spi.class.getName(), null, attrs) {
        @Override
        public boolean supportsParameter(Object key) {
          return supportsKey(key);
        }

        @Override
        public Object newInstance(Object param) {
          return new Spi();
        }
      });
    }
  }

  /**
   * Puts the provider first in this JVM's list (once). Process-wide by nature: JSSE asks the
   * global provider list for its signatures.
   */
  public static synchronized void install() {
    if (Security.getProvider(NAME) == null) {
      Security.insertProviderAt(new FastEd25519(), 1);
    }
  }

  static boolean supportsKey(Object key) {
    return switch (key) {
      case EdECPrivateKey k -> isEd25519(k.getParams()) && k.getBytes().isPresent();
      case EdECPublicKey k -> isEd25519(k.getParams());
      case null, default -> false;
    };
  }

  private static boolean isEd25519(NamedParameterSpec p) {
    return p != null && "Ed25519".equalsIgnoreCase(p.getName());
  }

  /** RFC 8032 encoding of a public point: y little-endian, the sign of x in the top bit. */
  static byte[] encode(EdECPublicKey key) {
    byte[] out = new byte[Ed25519.PUBLIC_KEY_SIZE];
    byte[] y = key.getPoint().getY().toByteArray(); // big-endian, maybe with a sign byte
    for (int i = 0; i < y.length && i < out.length; i++) {
      out[i] = y[y.length - 1 - i];
    }
    if (key.getPoint().isXOdd()) {
      out[31] |= (byte) 0x80;
    }
    return out;
  }

  /** One-shot Ed25519: the message is collected, then signed or verified at once. */
  public static final class Spi extends SignatureSpi {
    private final ByteArrayOutputStream message = new ByteArrayOutputStream(256);
    private byte[] secret; // signing
    private byte[] publicKey; // verifying, or the signer's own

    @Override
    protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
      if (!(key instanceof EdECPublicKey k) || !supportsKey(k)) {
        throw new InvalidKeyException("not an Ed25519 public key");
      }
      byte[] encoded = encode(k);
      if (!Ed25519.validatePublicKeyPartial(encoded, 0)) {
        throw new InvalidKeyException("invalid Ed25519 public key");
      }
      secret = null;
      publicKey = encoded;
      message.reset();
    }

    @Override
    protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
      if (!(key instanceof EdECPrivateKey k) || !supportsKey(k)) {
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

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
      throw new InvalidParameterException("no parameters");
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
      throw new InvalidParameterException("no parameters");
    }
  }
}
