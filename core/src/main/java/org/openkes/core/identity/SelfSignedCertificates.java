package org.openkes.core.identity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Self-signed certificates the way real KES and its SDK make them with Go's {@code
 * x509.CreateCertificate}: v3, random 128-bit serial, subject = issuer = {@code CN=<name>},
 * KeyUsage digitalSignature (critical), the given EKUs, BasicConstraints cA=FALSE (critical), and
 * a SAN extension only when there are DNS names or IPs. No SKI/AKI (Go adds those only for CAs).
 * Extensions appear in Go's order.
 */
public final class SelfSignedCertificates {
  /** Validity of API-key client certificates and of the {@code --dev} server certificate. */
  public static final Duration DEFAULT_VALIDITY = ApiKeyCertificates.VALIDITY;

  /** Default of {@code kes identity new --expiry}. */
  public static final Duration IDENTITY_NEW_DEFAULT_EXPIRY = Duration.ofHours(720);

  private SelfSignedCertificates() {}

  /** Extended key usages KES certificates carry. */
  public enum Usage {
    SERVER_AUTH(KeyPurposeId.id_kp_serverAuth),
    CLIENT_AUTH(KeyPurposeId.id_kp_clientAuth);

    private final KeyPurposeId id;

    Usage(KeyPurposeId id) {
      this.id = id;
    }
  }

  /**
   * What goes into a certificate besides the key.
   *
   * @param commonName subject and issuer CN; empty for an empty subject
   * @param dnsNames DNS SANs, in order; ASCII only (IA5String), else {@link
   *     IllegalArgumentException} with Go's text
   * @param ipAddresses IP SANs, in order (IPv4 encoded in 4 bytes, as Go does)
   * @param usages extended key usages, in order
   * @param notBefore start of validity (encoded with whole seconds)
   * @param notAfter end of validity
   */
  public record Template(
      String commonName,
      List<String> dnsNames,
      List<InetAddress> ipAddresses,
      List<Usage> usages,
      Instant notBefore,
      Instant notAfter) {
    public Template {
      Objects.requireNonNull(commonName, "commonName");
      dnsNames = List.copyOf(dnsNames);
      for (String dns : dnsNames) {
        if (!dns.chars().allMatch(c -> c < 0x80)) {
          // What kes identity new --dns reports via Go's CreateCertificate.
          throw new IllegalArgumentException(
              "x509: \"" + dns + "\" cannot be encoded as an IA5String");
        }
      }
      ipAddresses = List.copyOf(ipAddresses);
      usages = List.copyOf(usages);
      Objects.requireNonNull(notBefore, "notBefore");
      Objects.requireNonNull(notAfter, "notAfter");
      if (notAfter.isBefore(notBefore)) {
        throw new IllegalArgumentException("notAfter before notBefore");
      }
    }
  }

  /**
   * The SDK's {@code GenerateCertificate} without options (§3.3); {@link ApiKey#certificate()}
   * makes the same bytes without BouncyCastle.
   */
  public static X509Certificate forApiKey(ApiKey key, Instant now, SecureRandom random) {
    Template t = new Template(key.identity().value(), List.of(), List.of(),
        List.of(Usage.CLIENT_AUTH), now, now.plus(DEFAULT_VALIDITY));
    return create(key.jcaKeyPair(), t, random);
  }

  /**
   * The certificate {@code kes identity new --key … --cert …} writes: the API key's Ed25519 key,
   * CN = {@code subject} or else the identity, the given SANs, EKU clientAuth + serverAuth, valid
   * now to now + {@code expiry}. Real KES replaces a zero expiry with 720h before getting here.
   */
  public static X509Certificate forIdentityNew(
      ApiKey key,
      Optional<String> subject,
      List<String> dnsNames,
      List<InetAddress> ipAddresses,
      Duration expiry,
      Instant now,
      SecureRandom random) {
    return create(
        key.jcaKeyPair(),
        new Template(
            subject.orElse(key.identity().value()),
            dnsNames,
            ipAddresses,
            List.of(Usage.CLIENT_AUTH, Usage.SERVER_AUTH),
            now,
            now.plus(expiry)),
        random);
  }

  /**
   * Fresh credentials for {@code kes server --dev} (§4.10): ECDSA P-256, CN {@code localhost},
   * the given IP SANs, 90 days, EKU serverAuth.
   */
  public static KeyAndCertificate forDevServer(
      List<InetAddress> ipAddresses, Instant now, SecureRandom random) {
    KeyPair keys = generateEcP256(random);
    X509Certificate cert =
        create(
            keys,
            new Template(
                "localhost",
                List.of(),
                ipAddresses,
                List.of(Usage.SERVER_AUTH),
                now,
                now.plus(DEFAULT_VALIDITY)),
            random);
    return new KeyAndCertificate(keys.getPrivate(), cert);
  }

  /** A new ECDSA P-256 key pair from the JDK's provider. */
  public static KeyPair generateEcP256(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 is required of every JDK", e);
    }
  }

  /**
   * A self-signed certificate for {@code keys}. The signature algorithm follows Go: Ed25519 for
   * Ed25519 keys, ECDSA with SHA-256/384/512 by curve size, SHA256withRSA for RSA.
   */
  public static X509Certificate create(KeyPair keys, Template t, SecureRandom random) {
    PublicKey pub = keys.getPublic();
    PrivateKey priv = keys.getPrivate();
    X500Name name = commonNameOnly(t.commonName());
    BigInteger serial = new BigInteger(128, random); // uniform in [0, 2^128), like Go's rand.Int
    try {
      X509v3CertificateBuilder b =
          new X509v3CertificateBuilder(
              name,
              serial,
              Date.from(t.notBefore()),
              Date.from(t.notAfter()),
              name,
              SubjectPublicKeyInfo.getInstance(pub.getEncoded()));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      if (!t.usages().isEmpty()) {
        b.addExtension(
            Extension.extendedKeyUsage,
            false,
            new ExtendedKeyUsage(t.usages().stream().map(u -> u.id).toArray(KeyPurposeId[]::new)));
      }
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      if (!t.dnsNames().isEmpty() || !t.ipAddresses().isEmpty()) {
        List<GeneralName> names = new ArrayList<>();
        for (String dns : t.dnsNames()) {
          names.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (InetAddress ip : t.ipAddresses()) {
          names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.getAddress())));
        }
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(names.toArray(GeneralName[]::new)));
      }
      ContentSigner signer =
          new JcaContentSignerBuilder(signatureAlgorithm(priv)).setSecureRandom(random).build(priv);
      byte[] der = b.build(signer).getEncoded();
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (IOException | OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot create certificate: " + e.getMessage(), e);
    }
  }

  private static String signatureAlgorithm(PrivateKey key) {
    return switch (key.getAlgorithm()) {
      case "EdDSA", "Ed25519" -> "Ed25519";
      case "EC" -> {
        int bits = ((ECKey) key).getParams().getOrder().bitLength();
        yield bits <= 256 ? "SHA256withECDSA" : bits <= 384 ? "SHA384withECDSA" : "SHA512withECDSA";
      }
      case "RSA" -> "SHA256withRSA";
      default ->
          throw new IllegalArgumentException("unsupported key algorithm: " + key.getAlgorithm());
    };
  }

  /**
   * {@code CN=<cn>} encoded like Go's {@code pkix.Name}: PrintableString when the value allows
   * it, else UTF8String (BouncyCastle's default style would always pick UTF8String).
   */
  private static X500Name commonNameOnly(String cn) {
    if (cn.isEmpty()) {
      return new X500Name(new RDN[0]);
    }
    ASN1Encodable value =
        DERPrintableString.isPrintableString(cn)
            ? new DERPrintableString(cn)
            : new DERUTF8String(cn);
    return new X500Name(new RDN[] {new RDN(BCStyle.CN, value)});
  }
}
