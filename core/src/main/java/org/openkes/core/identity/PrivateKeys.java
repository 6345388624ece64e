package org.openkes.core.identity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * DER private keys to JCA keys, in the order and with the scope of Go's {@code
 * tls.parsePrivateKey}: PKCS#1 RSA, then PKCS#8 (RSA, ECDSA, Ed25519), then SEC1 EC, regardless
 * of the PEM block's type label. BouncyCastle only reads the ASN.1; the keys are built by the
 * JDK's own providers so that JSSE handles them natively.
 */
final class PrivateKeys {
  /** The curves Go's x509 accepts in EC private keys. */
  private static final Set<ASN1ObjectIdentifier> GO_CURVES =
      Set.of(
          SECObjectIdentifiers.secp224r1,
          SECObjectIdentifiers.secp256r1,
          SECObjectIdentifiers.secp384r1,
          SECObjectIdentifiers.secp521r1);

  private PrivateKeys() {}

  /** Go's {@code tls.parsePrivateKey}. */
  static PrivateKey parseTlsPrivateKey(byte[] der) throws KeyMaterialException {
    PrivateKey key = tryPkcs1(der);
    if (key != null) {
      return key;
    }
    PrivateKeyInfo info = pkcs8Structure(der);
    if (info != null) {
      ASN1ObjectIdentifier alg = info.getPrivateKeyAlgorithm().getAlgorithm();
      if (alg.equals(EdECObjectIdentifiers.id_X25519)) {
        // Go parses it, then crypto/tls refuses it for signing.
        throw new KeyMaterialException(
            KeyMaterialException.Kind.UNSUPPORTED_PRIVATE_KEY,
            "tls: found unknown private key type in PKCS#8 wrapping");
      }
      key = fromPkcs8(info);
      if (key != null) {
        return key;
      }
    }
    key = trySec1(der);
    if (key != null) {
      return key;
    }
    throw new KeyMaterialException(
        KeyMaterialException.Kind.MALFORMED_PRIVATE_KEY, "tls: failed to parse private key");
  }

  /**
   * Go's {@code x509.ParsePKCS8PrivateKey} followed by "must be Ed25519": the seed of an Ed25519
   * PKCS#8 key ({@code kes identity <file>}).
   */
  static byte[] ed25519SeedFromPkcs8(byte[] der) throws KeyMaterialException {
    PrivateKeyInfo info = pkcs8Structure(der);
    if (info == null) {
      String hint;
      if (trySec1Structure(der) != null) {
        hint = "x509: failed to parse private key (use ParseECPrivateKey instead for this key format)";
      } else if (tryPkcs1Structure(der) != null) {
        hint =
            "x509: failed to parse private key (use ParsePKCS1PrivateKey instead for this key format)";
      } else {
        hint = "x509: malformed PKCS#8 private key";
      }
      throw new KeyMaterialException(KeyMaterialException.Kind.MALFORMED_PRIVATE_KEY, hint);
    }
    AlgorithmIdentifier alg = info.getPrivateKeyAlgorithm();
    if (!alg.getAlgorithm().equals(EdECObjectIdentifiers.id_Ed25519)) {
      if (fromPkcs8(info) == null && !alg.getAlgorithm().equals(EdECObjectIdentifiers.id_X25519)) {
        throw new KeyMaterialException(
            KeyMaterialException.Kind.MALFORMED_PRIVATE_KEY,
            "x509: PKCS#8 wrapping contained private key with unknown algorithm: "
                + alg.getAlgorithm().getId());
      }
      throw new KeyMaterialException(
          KeyMaterialException.Kind.NOT_ED25519,
          "unsupported private key. Only ed25519 private keys are supported");
    }
    byte[] seed = ed25519Seed(info);
    if (seed == null) {
      throw new KeyMaterialException(
          KeyMaterialException.Kind.MALFORMED_PRIVATE_KEY, "x509: invalid Ed25519 private key");
    }
    return seed;
  }

  // --- PKCS#1 -------------------------------------------------------------------------------

  private static RSAPrivateKey tryPkcs1Structure(byte[] der) {
    ASN1Sequence seq = sequence(der);
    if (seq == null) {
      return null;
    }
    try {
      RSAPrivateKey k = RSAPrivateKey.getInstance(seq);
      // Go: version 0 only (multi-prime keys are refused), positive modulus and exponents.
      if (k.getVersion().signum() != 0
          || k.getModulus().signum() <= 0
          || k.getPublicExponent().signum() <= 0
          || k.getPrivateExponent().signum() <= 0
          || k.getPrime1().signum() <= 0
          || k.getPrime2().signum() <= 0) {
        return null;
      }
      return k;
    } catch (RuntimeException e) {
      return null; // BouncyCastle's getInstance signals a mismatch with unchecked exceptions
    }
  }

  private static PrivateKey tryPkcs1(byte[] der) {
    RSAPrivateKey k = tryPkcs1Structure(der);
    if (k == null) {
      return null;
    }
    return jcaKey("RSA", wrap(RSA, k));
  }

  // --- PKCS#8 -------------------------------------------------------------------------------

  private static PrivateKeyInfo pkcs8Structure(byte[] der) {
    ASN1Sequence seq = sequence(der);
    if (seq == null) {
      return null;
    }
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(seq);
      info.getPrivateKey(); // force the OCTET STRING to be present
      return info;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** RSA, ECDSA or Ed25519 inside PKCS#8; null when Go would refuse it. */
  private static PrivateKey fromPkcs8(PrivateKeyInfo info) {
    AlgorithmIdentifier alg = info.getPrivateKeyAlgorithm();
    ASN1ObjectIdentifier oid = alg.getAlgorithm();
    try {
      if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
        RSAPrivateKey k = tryPkcs1Structure(info.getPrivateKey().getOctets());
        if (k == null) {
          return null;
        }
        return jcaKey("RSA", wrap(RSA, k));
      }
      if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
        ASN1Encodable params = alg.getParameters();
        if (!(params instanceof ASN1ObjectIdentifier curve) || !GO_CURVES.contains(curve)) {
          return null;
        }
        ECPrivateKey ec = trySec1Structure(info.getPrivateKey().getOctets());
        if (ec == null) {
          return null;
        }
        return ecKey(curve, ec);
      }
      if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
        byte[] seed = ed25519Seed(info);
        if (seed == null) {
          return null;
        }
        byte[] pkcs8 = Ed25519Keys.pkcs8(seed);
        Arrays.fill(seed, (byte) 0);
        return jcaKey("Ed25519", pkcs8);
      }
      return null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Go: no algorithm parameters, and an OCTET STRING of exactly 32 bytes inside. */
  private static byte[] ed25519Seed(PrivateKeyInfo info) {
    if (info.getPrivateKeyAlgorithm().getParameters() != null) {
      return null;
    }
    try {
      ASN1Primitive inner = ASN1Primitive.fromByteArray(info.getPrivateKey().getOctets());
      if (inner instanceof ASN1OctetString os && os.getOctets().length == 32) {
        return os.getOctets();
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  // --- SEC1 ---------------------------------------------------------------------------------

  private static ECPrivateKey trySec1Structure(byte[] der) {
    ASN1Sequence seq = sequence(der);
    if (seq == null) {
      return null;
    }
    try {
      // Go: version must be 1.
      if (seq.size() < 2
          || !(seq.getObjectAt(0) instanceof ASN1Integer v)
          || !v.hasValue(1)
          || !(seq.getObjectAt(1) instanceof ASN1OctetString)) {
        return null;
      }
      return ECPrivateKey.getInstance(seq);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static PrivateKey trySec1(byte[] der) {
    ECPrivateKey ec = trySec1Structure(der);
    if (ec == null) {
      return null;
    }
    try {
      // Standalone SEC1 keys must name their curve themselves.
      if (!(ec.getParametersObject() instanceof ASN1ObjectIdentifier curve)
          || !GO_CURVES.contains(curve)) {
        return null;
      }
      return ecKey(curve, ec);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static PrivateKey ecKey(ASN1ObjectIdentifier curve, ECPrivateKey ec) {
    BigInteger d = ec.getKey();
    if (d.signum() <= 0) {
      return null;
    }
    // Re-wrap as PKCS#8 with the curve in the AlgorithmIdentifier, where the JDK expects it.
    return jcaKey(
        "EC",
        wrap(
            new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve),
            new ECPrivateKey(bitLength(curve), d)));
  }

  private static int bitLength(ASN1ObjectIdentifier curve) {
    if (curve.equals(SECObjectIdentifiers.secp224r1)) {
      return 224;
    }
    if (curve.equals(SECObjectIdentifiers.secp256r1)) {
      return 256;
    }
    if (curve.equals(SECObjectIdentifiers.secp384r1)) {
      return 384;
    }
    return 521;
  }

  // --- helpers ------------------------------------------------------------------------------

  /** The DER as a single SEQUENCE; Go ignores trailing bytes here, and so do we. */
  private static ASN1Sequence sequence(byte[] der) {
    if (der.length == 0 || der[0] != 0x30) {
      return null;
    }
    // The limit keeps a lying length field from making BouncyCastle allocate that much.
    try (var in = new ASN1InputStream(new ByteArrayInputStream(der), der.length)) {
      return in.readObject() instanceof ASN1Sequence s ? s : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static final AlgorithmIdentifier RSA =
      new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE);

  private static PrivateKeyInfo wrap(AlgorithmIdentifier alg, ASN1Encodable key) {
    try {
      return new PrivateKeyInfo(alg, key);
    } catch (IOException e) {
      return null;
    }
  }

  private static PrivateKey jcaKey(String algorithm, PrivateKeyInfo info) {
    if (info == null) {
      return null;
    }
    try {
      return jcaKey(algorithm, info.getEncoded(ASN1Encoding.DER));
    } catch (IOException e) {
      return null;
    }
  }

  private static PrivateKey jcaKey(String algorithm, byte[] pkcs8) {
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | RuntimeException e) {
      return null; // e.g. a curve the JDK no longer implements (P-224)
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }
}
