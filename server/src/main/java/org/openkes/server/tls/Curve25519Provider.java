package org.openkes.server.tls;

import java.math.BigInteger;
import java.security.Provider;
import java.security.Security;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Curve25519 for TLS handshakes, computed by BouncyCastle's RFC 8032 / RFC 7748 code instead of
 * the JDK's generic field arithmetic. KES identities are usually Ed25519 certificates ({@code
 * kes identity new}) and clients usually offer an X25519 key share, so every TLS 1.3 handshake
 * verifies an Ed25519 signature (the client's CertificateVerify), makes one with an Ed25519
 * server key, and does one X25519 key generation and agreement. On this project's machine the
 * JDK takes 1–2.5 ms per Ed25519 operation and 0.4 ms per X25519 exchange; BouncyCastle 0.05–0.12
 * ms and 0.14 ms (docs/performance.md, handshakes).
 *
 * <p>Served: Ed25519 signatures over JDK {@link EdECPrivateKey}/{@link EdECPublicKey} keys, and
 * XDH on X25519 (key pairs, agreement). Anything else (Ed448, X448, other key classes) is left
 * to the next provider, as JCA's delayed provider selection does when a service says it does not
 * support a key, and as {@link java.security.KeyPairGenerator} does when initialisation fails.
 */
public final class Curve25519Provider extends Provider {
  static final String NAME = "OpenKES-Curve25519";

  /** Use {@link #install()}; tests build their own, outside the global list. */
  Curve25519Provider() {
    super(NAME, "1.0", "Ed25519 signatures and X25519 for TLS handshakes (BouncyCastle)");
    String edKeys = EdECPrivateKey.class.getName() + "|" + EdECPublicKey.class.getName();
    for (String alg : new String[] {"Ed25519", "EdDSA"}) {
      service("Signature", alg, edKeys, Curve25519Provider::supportsKey, Ed25519Signature.class,
          Ed25519Signature::new);
    }
    String xKeys = XECPrivateKey.class.getName() + "|" + XECPublicKey.class.getName();
    for (String alg : new String[] {"X25519", "XDH"}) {
      service("KeyAgreement", alg, xKeys, X25519KeyAgreement::supportsKey,
          X25519KeyAgreement.class, X25519KeyAgreement::new);
      service("KeyPairGenerator", alg, null, k -> true, X25519KeyPairGenerator.class,
          X25519KeyPairGenerator::new);
    }
  }

  private void service(String type, String alg, String keyClasses, Predicate<Object> supports,
      Class<?> spiClass, Supplier<Object> spi) {
    Map<String, String> attrs = keyClasses == null ? null
        : Map.of("SupportedKeyClasses", keyClasses);
    putService(new Service(this, type, alg, spiClass.getName(), null, attrs) {
      @Override
      public boolean supportsParameter(Object key) {
        return supports.test(key);
      }

      @Override
      public Object newInstance(Object param) {
        return spi.get();
      }
    });
  }

  /**
   * Puts the provider first in this JVM's list (once). Process-wide by nature: JSSE asks the
   * global provider list for its signatures and key exchanges.
   */
  public static synchronized void install() {
    if (Security.getProvider(NAME) == null) {
      Security.insertProviderAt(new Curve25519Provider(), 1);
    }
  }

  static boolean supportsKey(Object key) {
    return switch (key) {
      case EdECPrivateKey k -> isNamed(k.getParams(), "Ed25519") && k.getBytes().isPresent();
      case EdECPublicKey k -> isNamed(k.getParams(), "Ed25519");
      case null, default -> false;
    };
  }

  static boolean isNamed(AlgorithmParameterSpec p, String name) {
    return p instanceof NamedParameterSpec n && name.equalsIgnoreCase(n.getName());
  }

  /** RFC 8032 encoding of a public point: y little-endian, the sign of x in the top bit. */
  static byte[] encode(EdECPublicKey key) {
    byte[] out = littleEndian(key.getPoint().getY());
    if (key.getPoint().isXOdd()) {
      out[31] |= (byte) 0x80;
    }
    return out;
  }

  /** A non-negative number below 2^256 as 32 little-endian bytes. */
  static byte[] littleEndian(BigInteger v) {
    byte[] out = new byte[32];
    byte[] be = v.toByteArray(); // big-endian, maybe with a sign byte
    for (int i = 0; i < be.length && i < out.length; i++) {
      out[i] = be[be.length - 1 - i];
    }
    return out;
  }

  /** The inverse of {@link #littleEndian}. */
  static BigInteger fromLittleEndian(byte[] le) {
    byte[] be = new byte[le.length];
    for (int i = 0; i < le.length; i++) {
      be[i] = le[le.length - 1 - i];
    }
    return new BigInteger(1, be);
  }
}
