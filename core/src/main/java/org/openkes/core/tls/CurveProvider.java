package org.openkes.core.tls;

import java.math.BigInteger;
import java.security.Provider;
import java.security.Security;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The elliptic-curve work of TLS handshakes, computed by BouncyCastle's curve code instead of the
 * JDK's generic field arithmetic: Ed25519 signatures and X25519 (RFC 8032 / RFC 7748), and P-256
 * key pairs, ECDH and ECDSA verification.
 *
 * <p>Why: KES identities are usually Ed25519 certificates ({@code kes identity new}) and clients
 * usually offer an X25519 key share, so every TLS 1.3 handshake the server makes verifies an
 * Ed25519 signature, makes one, and does one X25519 exchange; on this project's machine the JDK
 * takes 1–2.5 ms per Ed25519 operation and 0.4 ms per X25519 exchange, BouncyCastle 0.05–0.12 ms
 * and 0.14 ms. And every ClientHello the JDK sends carries a P-256 key share besides the X25519
 * one: the JDK's first P-256 key pair builds a table of the generator's multiples, about 150 ms
 * of a {@code kes} command's start-up (docs/performance.md); BouncyCastle's needs none.
 *
 * <p>Served over the JDK's own key classes: Ed25519 signatures ({@link EdECPrivateKey}/{@link
 * EdECPublicKey}), XDH on X25519, EC key pairs, ECDH and ECDSA-with-SHA-2 verification on P-256.
 * Anything else (Ed448, X448, other curves, ECDSA signing, other key classes) is left to the next
 * provider, as JCA's delayed provider selection does when a service says it does not support a
 * key, and as {@link java.security.KeyPairGenerator} does when initialisation fails.
 */
public final class CurveProvider extends Provider {
  static final String NAME = "OpenKES-Curves";

  /** The curves a provider serves. */
  public enum Curve {
    /** Ed25519 signatures. */
    ED25519,
    /** X25519 key pairs and agreement. */
    X25519,
    /** P-256 key pairs, ECDH, ECDSA verification. */
    P256
  }

  /** All three; use {@link #install()}; tests build their own, outside the global list. */
  CurveProvider() {
    this(EnumSet.allOf(Curve.class));
  }

  CurveProvider(Set<Curve> curves) {
    super(NAME, "1.0", "Ed25519, X25519 and P-256 for TLS handshakes (BouncyCastle): " + curves);
    if (curves.contains(Curve.ED25519)) {
      String edKeys = EdECPrivateKey.class.getName() + "|" + EdECPublicKey.class.getName();
      for (String alg : new String[] {"Ed25519", "EdDSA"}) {
        service("Signature", alg, edKeys, CurveProvider::supportsKey, Ed25519Signature.class,
            Ed25519Signature::new);
      }
    }
    if (curves.contains(Curve.X25519)) {
      String xKeys = XECPrivateKey.class.getName() + "|" + XECPublicKey.class.getName();
      for (String alg : new String[] {"X25519", "XDH"}) {
        service("KeyAgreement", alg, xKeys, X25519KeyAgreement::supportsKey,
            X25519KeyAgreement.class, X25519KeyAgreement::new);
        service("KeyPairGenerator", alg, null, k -> true, X25519KeyPairGenerator.class,
            X25519KeyPairGenerator::new);
      }
    }
    if (curves.contains(Curve.P256)) {
      service("KeyPairGenerator", "EC", null, k -> true, P256KeyPairGenerator.class,
          P256KeyPairGenerator::new);
      service("KeyAgreement", "ECDH", ECPrivateKey.class.getName(),
          P256KeyAgreement::supportsKey, P256KeyAgreement.class, P256KeyAgreement::new);
      for (String hash : new String[] {"256", "384", "512"}) {
        service("Signature", "SHA" + hash + "withECDSA", ECPublicKey.class.getName(),
            P256Signature::supportsKey, P256Signature.class,
            () -> new P256Signature("SHA-" + hash));
      }
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

  /** {@link #install(Set)} with every curve: what a server wants. */
  public static void install() {
    install(EnumSet.allOf(Curve.class));
  }

  /**
   * Puts a provider for {@code curves} first in this JVM's list, once: a later call, with any
   * curves, keeps the first. Process-wide by nature: JSSE asks the global provider list for its
   * signatures and key exchanges.
   */
  public static synchronized void install(Set<Curve> curves) {
    if (Security.getProvider(NAME) == null) {
      Security.insertProviderAt(new CurveProvider(curves), 1);
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
