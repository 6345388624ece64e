package org.openkes.core.identity;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * PEM files as KES reads and writes them (§4.4, §3.4, §8.3). Reading follows real KES's {@code
 * internal/https} on top of Go's {@code encoding/pem}: surrounding white space is trimmed, text
 * around blocks is tolerated, but every block must be of an allowed type. Writing produces what
 * Go's {@code pem.EncodeToMemory} produces.
 *
 * <p>Inputs are file contents as bytes; the {@code String} overloads take UTF-8 text.
 */
public final class Pem {
  private static final String CERTIFICATE = "CERTIFICATE";
  private static final String PRIVATE_KEY = "PRIVATE KEY";

  private Pem() {}

  /**
   * All certificates of a {@code tls.cert}/{@code tls.ca}/{@code kes identity of} file, in file
   * order. Every block must be a {@code CERTIFICATE}.
   *
   * @throws KeyMaterialException {@code NO_VALID_PEM}, {@code UNSUPPORTED_PEM_BLOCK}, {@code
   *     NO_CERTIFICATE} (empty file), {@code MALFORMED_CERTIFICATE}
   */
  public static List<X509Certificate> readCertificates(byte[] pem) throws KeyMaterialException {
    List<GoPem.Block> blocks = filter(pem, b -> b.type().equals(CERTIFICATE));
    if (blocks.isEmpty()) {
      // KES's filter passes an empty file; Go's tls.X509KeyPair then reports this.
      throw new KeyMaterialException(
          KeyMaterialException.Kind.NO_CERTIFICATE,
          "tls: failed to find any PEM data in certificate input");
    }
    List<X509Certificate> certs = new ArrayList<>(blocks.size());
    for (GoPem.Block b : blocks) {
      certs.add(Identity.parseStrict(b.bytes()));
    }
    return List.copyOf(certs);
  }

  public static List<X509Certificate> readCertificates(String pem) throws KeyMaterialException {
    return readCertificates(pem.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The private key of a {@code tls.key} file or of a CLI client key file: blocks may be
   * certificates or {@code *PRIVATE KEY}; the first private-key block is used. It may hold
   * PKCS#1 RSA, SEC1 EC or PKCS#8 (RSA, ECDSA, Ed25519), and may be RFC 1423-encrypted ({@code
   * DEK-Info} header), in which case {@code password} is needed. PKCS#8 {@code ENCRYPTED PRIVATE
   * KEY} is not supported, as in KES.
   *
   * @param password for an encrypted key; {@code null} or empty means none (KES treats an empty
   *     {@code tls.password} as absent)
   * @throws KeyMaterialException {@code NO_VALID_PEM}, {@code UNSUPPORTED_PEM_BLOCK}, {@code
   *     NO_PRIVATE_KEY}, {@code PASSWORD_REQUIRED}, {@code INCORRECT_PASSWORD}, {@code
   *     MALFORMED_ENCRYPTION}, {@code MALFORMED_PRIVATE_KEY}, {@code UNSUPPORTED_PRIVATE_KEY}
   */
  public static PrivateKey readPrivateKey(byte[] pem, char[] password) throws KeyMaterialException {
    GoPem.Block block = firstPrivateKeyBlock(pem);
    byte[] der = block.bytes();
    if (Rfc1423.isEncrypted(block)) {
      if (password == null || password.length == 0) {
        throw new KeyMaterialException(
            KeyMaterialException.Kind.PASSWORD_REQUIRED,
            "https: private key is encrypted: password required");
      }
      byte[] pw = utf8(password);
      try {
        der = Rfc1423.decrypt(block, pw);
      } finally {
        Arrays.fill(pw, (byte) 0);
      }
    }
    try {
      return PrivateKeys.parseTlsPrivateKey(der);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  public static PrivateKey readPrivateKey(String pem, char[] password)
      throws KeyMaterialException {
    return readPrivateKey(pem.getBytes(StandardCharsets.UTF_8), password);
  }

  /**
   * Whether {@link #readPrivateKey} will need a password, so that a CLI can prompt ({@code Enter
   * password for private key: }) only when necessary.
   */
  public static boolean isPrivateKeyEncrypted(byte[] pem) throws KeyMaterialException {
    return Rfc1423.isEncrypted(firstPrivateKeyBlock(pem));
  }

  /** What {@code kes identity <file>} found: a certificate's identity or a key's API key. */
  public sealed interface IdentityOrApiKey
      permits IdentityOrApiKey.OfCertificate, IdentityOrApiKey.OfPrivateKey {
    /** The first block was a certificate. */
    record OfCertificate(Identity identity) implements IdentityOrApiKey {}

    /** The first block was an Ed25519 PKCS#8 private key. The API key is a secret. */
    record OfPrivateKey(ApiKey apiKey) implements IdentityOrApiKey {}
  }

  /**
   * {@code kes identity <file>} (§3.4): the first block that is a {@code CERTIFICATE} or whose
   * type contains {@code PRIVATE KEY} decides; other blocks before it are skipped.
   *
   * @throws KeyMaterialException {@code NO_CERTIFICATE_OR_PRIVATE_KEY}, {@code
   *     MALFORMED_CERTIFICATE}, {@code MALFORMED_PRIVATE_KEY}, {@code NOT_ED25519}
   */
  public static IdentityOrApiKey readIdentityOrApiKey(byte[] pem) throws KeyMaterialException {
    byte[] rest = GoPem.trimSpace(pem);
    while (rest.length > 0) {
      GoPem.Decoded d = GoPem.decode(rest);
      if (d.block() == null) {
        break;
      }
      rest = d.rest();
      GoPem.Block b = d.block();
      if (b.type().equals(CERTIFICATE)) {
        return new IdentityOrApiKey.OfCertificate(Identity.ofCertificateDer(b.bytes()));
      }
      if (b.type().contains(PRIVATE_KEY)) {
        return new IdentityOrApiKey.OfPrivateKey(ApiKey.fromEd25519Pkcs8(b.bytes()));
      }
    }
    throw new KeyMaterialException(
        KeyMaterialException.Kind.NO_CERTIFICATE_OR_PRIVATE_KEY,
        "contains no valid PEM certificate or private key");
  }

  /**
   * Go's {@code tls.X509KeyPair} consistency check: the private key must belong to the leaf
   * certificate (first in the chain). Checked by signing a probe with the private key and
   * verifying it with the certificate's public key, which works for every key type alike.
   *
   * @throws KeyMaterialException {@code KEY_MISMATCH}
   */
  public static void checkKeyMatchesCertificate(PrivateKey key, X509Certificate leaf)
      throws KeyMaterialException {
    PublicKey pub = leaf.getPublicKey();
    String alg = family(key.getAlgorithm());
    if (!alg.equals(family(pub.getAlgorithm()))) {
      throw new KeyMaterialException(
          KeyMaterialException.Kind.KEY_MISMATCH,
          "tls: private key type does not match public key type");
    }
    String sigAlg =
        switch (alg) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> "Ed25519";
        };
    boolean ok;
    try {
      byte[] probe = "openkes key pair check".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance(sigAlg);
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(sigAlg);
      v.initVerify(pub);
      v.update(probe);
      ok = v.verify(sig);
    } catch (GeneralSecurityException | RuntimeException e) {
      ok = false; // e.g. keys on different curves
    }
    if (!ok) {
      throw new KeyMaterialException(
          KeyMaterialException.Kind.KEY_MISMATCH, "tls: private key does not match public key");
    }
  }

  private static String family(String jcaAlgorithm) {
    return switch (jcaAlgorithm) {
      case "EdDSA", "Ed25519" -> "Ed25519";
      default -> jcaAlgorithm;
    };
  }

  // --- writing ------------------------------------------------------------------------------

  /** A {@code CERTIFICATE} block. */
  public static String encodeCertificate(X509Certificate certificate) {
    try {
      return GoPem.encode(CERTIFICATE, Map.of(), certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }

  /** Certificate blocks one after another, e.g. a chain. */
  public static String encodeCertificates(List<X509Certificate> certificates) {
    StringBuilder sb = new StringBuilder();
    for (X509Certificate c : certificates) {
      sb.append(encodeCertificate(c));
    }
    return sb.toString();
  }

  /** A PKCS#8 {@code PRIVATE KEY} block (the JDK's PKCS#8 encoding of the key). */
  public static String encodePrivateKey(PrivateKey key) {
    return encodePkcs8(pkcs8Of(key));
  }

  /** A {@code PRIVATE KEY} block around PKCS#8 DER given as is. */
  public static String encodePkcs8(byte[] pkcs8Der) {
    return GoPem.encode(PRIVATE_KEY, Map.of(), pkcs8Der);
  }

  /**
   * An RFC 1423-encrypted {@code PRIVATE KEY} block, AES-256-CBC, as {@code kes identity new
   * --encrypt} writes it (Go's {@code x509.EncryptPEMBlock}). Readable by {@link #readPrivateKey}
   * and by OpenSSL.
   */
  public static String encodeEncryptedPkcs8(
      byte[] pkcs8Der, char[] password, SecureRandom random) {
    Objects.requireNonNull(password, "password");
    byte[] pw = utf8(password);
    try {
      GoPem.Block b =
          Rfc1423.encrypt(PRIVATE_KEY, pkcs8Der, pw, Rfc1423.Algorithm.AES_256_CBC, random);
      return GoPem.encode(b.type(), b.headers(), b.bytes());
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
  }

  public static String encodeEncryptedPrivateKey(
      PrivateKey key, char[] password, SecureRandom random) {
    byte[] der = pkcs8Of(key);
    try {
      return encodeEncryptedPkcs8(der, password, random);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  // --- internals ----------------------------------------------------------------------------

  /**
   * KES {@code https.FilterPEM}: trim white space, then every remaining byte must belong to
   * blocks that pass {@code allowed}. An empty input yields no blocks and no error.
   */
  private static List<GoPem.Block> filter(byte[] pem, Predicate<GoPem.Block> allowed)
      throws KeyMaterialException {
    byte[] rest = GoPem.trimSpace(pem);
    List<GoPem.Block> blocks = new ArrayList<>();
    while (rest.length > 0) {
      GoPem.Decoded d = GoPem.decode(rest);
      if (d.block() == null) {
        throw new KeyMaterialException(
            KeyMaterialException.Kind.NO_VALID_PEM, "https: no valid PEM data");
      }
      if (!allowed.test(d.block())) {
        throw new KeyMaterialException(
            KeyMaterialException.Kind.UNSUPPORTED_PEM_BLOCK, "https: unsupported PEM data block");
      }
      blocks.add(d.block());
      rest = d.rest();
    }
    return blocks;
  }

  private static boolean isPrivateKeyType(String type) {
    return type.equals(PRIVATE_KEY) || type.endsWith(" " + PRIVATE_KEY);
  }

  /** KES {@code readPrivateKey} up to the point of decryption. */
  private static GoPem.Block firstPrivateKeyBlock(byte[] pem) throws KeyMaterialException {
    List<GoPem.Block> blocks =
        filter(pem, b -> b.type().equals(CERTIFICATE) || isPrivateKeyType(b.type()));
    for (GoPem.Block b : blocks) {
      if (isPrivateKeyType(b.type())) {
        return b;
      }
    }
    throw new KeyMaterialException(
        KeyMaterialException.Kind.NO_PRIVATE_KEY, "https: no PEM-encoded private key found");
  }

  private static byte[] pkcs8Of(PrivateKey key) {
    byte[] der = key.getEncoded();
    if (der == null || !"PKCS#8".equals(key.getFormat())) {
      throw new IllegalArgumentException("private key has no PKCS#8 encoding");
    }
    return der;
  }

  private static byte[] utf8(char[] chars) {
    ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] out = new byte[bb.remaining()];
    bb.get(out);
    if (bb.hasArray()) {
      Arrays.fill(bb.array(), (byte) 0);
    }
    return out;
  }
}
