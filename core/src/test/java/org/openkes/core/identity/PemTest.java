package org.openkes.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMDecryptor;
import org.bouncycastle.openssl.PEMEncryptor;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PemTest {
  private static final char[] PASSWORD = "correct horse".toCharArray();
  /** Handed to BouncyCastle's PEM helpers only; never registered as a global provider. */
  private static final java.security.Provider BC =
      new org.bouncycastle.jce.provider.BouncyCastleProvider();

  static KeyPair rsa;
  static KeyPair ec;
  static KeyPair ed;
  static X509Certificate rsaCert;
  static X509Certificate ecCert;
  static X509Certificate edCert;

  @BeforeAll
  static void keys() throws Exception {
    rsa = TestSupport.generate("RSA", 2048);
    ec = TestSupport.generate("EC", 256);
    ed = TestSupport.generate("Ed25519", 0);
    rsaCert = selfSigned(rsa);
    ecCert = selfSigned(ec);
    edCert = selfSigned(ed);
  }

  // --- certificates -------------------------------------------------------------------------

  @Test
  void certificatesRoundTripInOrder() throws Exception {
    String pem = Pem.encodeCertificates(List.of(ecCert, rsaCert));

    assertThat(Pem.readCertificates(pem)).containsExactly(ecCert, rsaCert);
    assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
    assertThat(pem.lines().filter(l -> !l.startsWith("-----")).mapToInt(String::length).max())
        .hasValue(64);
  }

  @Test
  void textAroundBlocksAndCrlfAreToleratedLikeGo() throws Exception {
    String pem = Pem.encodeCertificate(ecCert).replace("\n", "\r\n");
    String messy = "\n\n  subject=CN=foo\nissuer=CN=foo\n" + pem + "between\n" + pem + " \t\n\n";

    assertThat(Pem.readCertificates(messy)).containsExactly(ecCert, ecCert);
  }

  @Test
  void certificateFileErrorsHaveKesTexts() {
    assertKind(
        () -> Pem.readCertificates(Pem.encodeCertificate(ecCert) + Pem.encodePrivateKey(ec.getPrivate())),
        KeyMaterialException.Kind.UNSUPPORTED_PEM_BLOCK,
        "https: unsupported PEM data block");
    assertKind(
        () -> Pem.readCertificates(Pem.encodeCertificate(ecCert) + "trailing garbage"),
        KeyMaterialException.Kind.NO_VALID_PEM,
        "https: no valid PEM data");
    assertKind(
        () -> Pem.readCertificates("not a pem file"),
        KeyMaterialException.Kind.NO_VALID_PEM,
        "https: no valid PEM data");
    assertKind(
        () -> Pem.readCertificates(" \n\t"),
        KeyMaterialException.Kind.NO_CERTIFICATE,
        "tls: failed to find any PEM data in certificate input");
    // A block whose base64 is broken is skipped by Go's decoder, leaving nothing valid.
    assertKind(
        () -> Pem.readCertificates("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"),
        KeyMaterialException.Kind.NO_VALID_PEM,
        "https: no valid PEM data");
    assertKind(
        () -> Pem.readCertificates(GoPem.encode("CERTIFICATE", java.util.Map.of(), new byte[] {0x30, 0})),
        KeyMaterialException.Kind.MALFORMED_CERTIFICATE,
        null);
  }

  // --- private keys -------------------------------------------------------------------------

  @Test
  void pkcs8RoundTripsForEveryKeyType() throws Exception {
    for (KeyPair kp : List.of(rsa, ec, ed)) {
      String pem = Pem.encodePrivateKey(kp.getPrivate());
      assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");

      PrivateKey read = Pem.readPrivateKey(pem, null);

      assertThat(read.getEncoded()).isEqualTo(kp.getPrivate().getEncoded());
    }
  }

  @Test
  void pkcs1AndSec1() throws Exception {
    String rsaPem = bcPem(rsa.getPrivate()); // BouncyCastle writes "RSA PRIVATE KEY" (PKCS#1)
    assertThat(rsaPem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    String ecPem = GoPem.encode("EC PRIVATE KEY", java.util.Map.of(), opensslSec1(ec));

    PrivateKey r = Pem.readPrivateKey(rsaPem, null);
    PrivateKey e = Pem.readPrivateKey(ecPem, null);

    assertThat(r.getEncoded()).isEqualTo(rsa.getPrivate().getEncoded());
    assertThat(e.getEncoded()).isEqualTo(ec.getPrivate().getEncoded());
    Pem.checkKeyMatchesCertificate(r, rsaCert);
    Pem.checkKeyMatchesCertificate(e, ecCert);
  }

  @Test
  void sec1WithoutNamedCurveIsRefusedLikeGo() throws Exception {
    // BouncyCastle copies the JDK's curve-less inner ECPrivateKey into "EC PRIVATE KEY"; Go's
    // ParseECPrivateKey then has no curve ("x509: unknown elliptic curve") and so do we.
    String bc = bcPem(ec.getPrivate());
    assertThat(bc).startsWith("-----BEGIN EC PRIVATE KEY-----");
    assertKind(() -> Pem.readPrivateKey(bc, null),
        KeyMaterialException.Kind.MALFORMED_PRIVATE_KEY, "tls: failed to parse private key");
  }

  @Test
  void blockLabelDoesNotDecideTheFormatLikeGo() throws Exception {
    byte[] pkcs1 = PrivateKeyInfo.getInstance(rsa.getPrivate().getEncoded()).parsePrivateKey()
        .toASN1Primitive().getEncoded();
    String mislabelled = GoPem.encode("PRIVATE KEY", java.util.Map.of(), pkcs1);

    assertThat(Pem.readPrivateKey(mislabelled, null).getEncoded())
        .isEqualTo(rsa.getPrivate().getEncoded());
  }

  @Test
  void firstPrivateKeyAfterCertificatesIsUsed() throws Exception {
    String pem =
        Pem.encodeCertificate(ecCert) + Pem.encodePrivateKey(ec.getPrivate())
            + Pem.encodePrivateKey(rsa.getPrivate());

    assertThat(Pem.readPrivateKey(pem, null).getEncoded()).isEqualTo(ec.getPrivate().getEncoded());
  }

  @Test
  void privateKeyFileErrorsHaveKesTexts() throws Exception {
    assertKind(
        () -> Pem.readPrivateKey(Pem.encodeCertificate(ecCert), null),
        KeyMaterialException.Kind.NO_PRIVATE_KEY,
        "https: no PEM-encoded private key found");
    assertKind(
        () -> Pem.readPrivateKey("", null),
        KeyMaterialException.Kind.NO_PRIVATE_KEY,
        "https: no PEM-encoded private key found");
    // openssl ecparam -genkey writes an EC PARAMETERS block first; KES refuses the file.
    assertKind(
        () -> Pem.readPrivateKey(
            "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                + bcPem(ec.getPrivate()), null),
        KeyMaterialException.Kind.UNSUPPORTED_PEM_BLOCK,
        "https: unsupported PEM data block");
    assertKind(
        () -> Pem.readPrivateKey(GoPem.encode("PRIVATE KEY", java.util.Map.of(), new byte[] {1, 2}), null),
        KeyMaterialException.Kind.MALFORMED_PRIVATE_KEY,
        "tls: failed to parse private key");
    // PKCS#8 encryption is not supported by KES.
    var encryptor =
        new JceOpenSSLPKCS8EncryptorBuilder(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC)
            .setProvider(BC)
            .setPassword(PASSWORD)
            .build();
    String encryptedPkcs8 = writeBc(new JcaPKCS8Generator(ec.getPrivate(), encryptor));
    assertThat(encryptedPkcs8).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    assertKind(
        () -> Pem.readPrivateKey(encryptedPkcs8, PASSWORD),
        KeyMaterialException.Kind.MALFORMED_PRIVATE_KEY,
        "tls: failed to parse private key");
    // X25519 parses as PKCS#8 but cannot sign.
    KeyPair x25519 = TestSupport.generate("X25519", 0);
    assertKind(
        () -> Pem.readPrivateKey(Pem.encodePrivateKey(x25519.getPrivate()), null),
        KeyMaterialException.Kind.UNSUPPORTED_PRIVATE_KEY,
        "tls: found unknown private key type in PKCS#8 wrapping");
  }

  // --- RFC 1423 -----------------------------------------------------------------------------

  @Test
  void encryptedKeysOpenWithTheRightPassword() throws Exception {
    for (KeyPair kp : List.of(rsa, ec, ed)) {
      String pem = Pem.encodeEncryptedPrivateKey(kp.getPrivate(), PASSWORD, TestSupport.RANDOM);

      assertThat(Pem.isPrivateKeyEncrypted(pem.getBytes(StandardCharsets.UTF_8))).isTrue();
      assertThat(Pem.readPrivateKey(pem, PASSWORD).getEncoded())
          .isEqualTo(kp.getPrivate().getEncoded());
    }
    assertThat(Pem.isPrivateKeyEncrypted(Pem.encodePrivateKey(ec.getPrivate()).getBytes(StandardCharsets.UTF_8)))
        .isFalse();
  }

  @Test
  void encryptedFormatIsGos() {
    String pem = Pem.encodeEncryptedPrivateKey(ed.getPrivate(), PASSWORD, TestSupport.RANDOM);

    assertThat(pem)
        .matches(
            "(?s)-----BEGIN PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-256-CBC,[0-9a-f]{32}\n\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n");
  }

  @Test
  void ourEncryptionDecryptsWithBouncyCastle() throws Exception {
    byte[] pkcs8 = ec.getPrivate().getEncoded();
    String pem = Pem.encodeEncryptedPkcs8(pkcs8, PASSWORD, TestSupport.RANDOM);
    GoPem.Block block = GoPem.decode(pem.getBytes(StandardCharsets.UTF_8)).block();
    String[] dek = block.headers().get("DEK-Info").split(",");

    PEMDecryptor bc = new JcePEMDecryptorProviderBuilder().setProvider(BC).build(PASSWORD).get(dek[0]);

    assertThat(bc.decrypt(block.bytes(), HexFormat.of().parseHex(dek[1]))).isEqualTo(pkcs8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"AES-256-CBC", "AES-128-CBC", "AES-192-CBC", "DES-EDE3-CBC", "DES-CBC"})
  void bouncyCastleAndOpenSslStyleEncryptionDecrypts(String algorithm) throws Exception {
    // OpenSSL-classic: "RSA PRIVATE KEY" with upper-case IV hex.
    String rsaPem = bcPem(rsa.getPrivate(), algorithm);
    assertThat(rsaPem).contains("Proc-Type: 4,ENCRYPTED").contains("DEK-Info: " + algorithm + ",");
    assertThat(Pem.readPrivateKey(rsaPem, PASSWORD).getEncoded())
        .isEqualTo(rsa.getPrivate().getEncoded());

    // PKCS#8 "PRIVATE KEY" with the same legacy encryption, as kes identity new --encrypt writes.
    PEMEncryptor enc = new JcePEMEncryptorBuilder(algorithm).setProvider(BC).build(PASSWORD);
    byte[] ciphertext = enc.encrypt(ed.getPrivate().getEncoded());
    String pem =
        "-----BEGIN PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: " + algorithm + ","
            + HexFormat.of().withUpperCase().formatHex(enc.getIV()) + "\n\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ciphertext)
            + "\n-----END PRIVATE KEY-----\n";
    assertThat(Pem.readPrivateKey(pem, PASSWORD).getEncoded()).isEqualTo(ed.getPrivate().getEncoded());
  }

  @Test
  void missingPasswordIsReported() {
    String pem = Pem.encodeEncryptedPrivateKey(ec.getPrivate(), PASSWORD, TestSupport.RANDOM);

    for (char[] none : new char[][] {null, new char[0]}) {
      assertKind(
          () -> Pem.readPrivateKey(pem, none),
          KeyMaterialException.Kind.PASSWORD_REQUIRED,
          "https: private key is encrypted: password required");
    }
  }

  @Test
  void wrongPasswordFailsClearly() {
    // RFC 1423 has no integrity check: a wrong password shows as bad padding (~255 in 256) or
    // as garbage that does not parse. Either way a typed error, never a key.
    for (int i = 0; i < 20; i++) {
      String pem = Pem.encodeEncryptedPrivateKey(ec.getPrivate(), PASSWORD, TestSupport.RANDOM);
      assertThatThrownBy(() -> Pem.readPrivateKey(pem, "wrong".toCharArray()))
          .isInstanceOfSatisfying(
              KeyMaterialException.class,
              e -> {
                assertThat(e.kind())
                    .isIn(
                        KeyMaterialException.Kind.INCORRECT_PASSWORD,
                        KeyMaterialException.Kind.MALFORMED_PRIVATE_KEY);
                if (e.kind() == KeyMaterialException.Kind.INCORRECT_PASSWORD) {
                  assertThat(e.getMessage()).isEqualTo("x509: decryption password incorrect");
                }
                assertThat(e.getMessage()).doesNotContain("wrong").doesNotContain("horse");
              });
    }
  }

  @Test
  void brokenEncryptionHeadersHaveGoTexts() {
    String body = "\n\nAAAAAAAAAAAAAAAAAAAAAA==\n-----END RSA PRIVATE KEY-----\n";
    String head = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: ";
    assertKind(() -> Pem.readPrivateKey(head + "AES-256-CBC" + body, PASSWORD),
        KeyMaterialException.Kind.MALFORMED_ENCRYPTION, "x509: malformed DEK-Info header");
    assertKind(() -> Pem.readPrivateKey(head + "AES-512-CBC,00" + body, PASSWORD),
        KeyMaterialException.Kind.MALFORMED_ENCRYPTION, "x509: unknown encryption mode");
    assertKind(() -> Pem.readPrivateKey(head + "AES-256-CBC,0X" + body, PASSWORD),
        KeyMaterialException.Kind.MALFORMED_ENCRYPTION, "encoding/hex: invalid byte: U+0058 'X'");
    assertKind(() -> Pem.readPrivateKey(head + "AES-256-CBC,000" + body, PASSWORD),
        KeyMaterialException.Kind.MALFORMED_ENCRYPTION, "encoding/hex: odd length hex string");
    assertKind(() -> Pem.readPrivateKey(head + "AES-256-CBC,0011" + body, PASSWORD),
        KeyMaterialException.Kind.MALFORMED_ENCRYPTION, "x509: incorrect IV size");
    String fifteenBytes = "\n\nAAAAAAAAAAAAAAAAAAAA\n-----END RSA PRIVATE KEY-----\n";
    assertKind(() -> Pem.readPrivateKey(head + "AES-256-CBC," + "00".repeat(16) + fifteenBytes, PASSWORD),
        KeyMaterialException.Kind.MALFORMED_ENCRYPTION,
        "x509: encrypted PEM data is not a multiple of the block size");
  }

  // --- kes identity <file> ------------------------------------------------------------------

  @Test
  void identityOrApiKeyOfAFile() throws Exception {
    ApiKey key = ApiKey.generate(TestSupport.RANDOM);

    assertThat(Pem.readIdentityOrApiKey(Pem.encodeCertificate(ecCert).getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new Pem.IdentityOrApiKey.OfCertificate(Identity.ofCertificate(ecCert)));
    assertThat(Pem.readIdentityOrApiKey(Pem.encodePkcs8(key.pkcs8()).getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new Pem.IdentityOrApiKey.OfPrivateKey(key));
    // Blocks of other types before the first match are skipped.
    String withPublicKey =
        GoPem.encode("PUBLIC KEY", java.util.Map.of(), ec.getPublic().getEncoded())
            + Pem.encodePrivateKey(ed.getPrivate());
    assertThat(Pem.readIdentityOrApiKey(withPublicKey.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(Pem.IdentityOrApiKey.OfPrivateKey.class);

    assertKind(() -> Pem.readIdentityOrApiKey(Pem.encodePrivateKey(ec.getPrivate()).getBytes(StandardCharsets.UTF_8)),
        KeyMaterialException.Kind.NOT_ED25519,
        "unsupported private key. Only ed25519 private keys are supported");
    assertKind(() -> Pem.readIdentityOrApiKey(new byte[0]),
        KeyMaterialException.Kind.NO_CERTIFICATE_OR_PRIVATE_KEY,
        "contains no valid PEM certificate or private key");
    assertKind(() -> Pem.readIdentityOrApiKey("hello".getBytes(StandardCharsets.UTF_8)),
        KeyMaterialException.Kind.NO_CERTIFICATE_OR_PRIVATE_KEY,
        "contains no valid PEM certificate or private key");
  }

  @Test
  void keyPairMismatchHasGoTexts() throws Exception {
    Pem.checkKeyMatchesCertificate(ed.getPrivate(), edCert);
    assertKind(() -> Pem.checkKeyMatchesCertificate(rsa.getPrivate(), ecCert),
        KeyMaterialException.Kind.KEY_MISMATCH,
        "tls: private key type does not match public key type");
    KeyPair otherEc = TestSupport.generate("EC", 256);
    assertKind(() -> Pem.checkKeyMatchesCertificate(otherEc.getPrivate(), ecCert),
        KeyMaterialException.Kind.KEY_MISMATCH,
        "tls: private key does not match public key");
  }

  // --- helpers ------------------------------------------------------------------------------

  interface Call {
    void run() throws Exception;
  }

  static void assertKind(Call call, KeyMaterialException.Kind kind, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            KeyMaterialException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              if (message != null) {
                assertThat(e.getMessage()).isEqualTo(message);
              }
            });
  }

  private static X509Certificate selfSigned(KeyPair kp) {
    Instant now = Instant.now();
    return SelfSignedCertificates.create(
        kp,
        new SelfSignedCertificates.Template(
            "test", List.of(), List.of(), List.of(), now, now.plusSeconds(60)),
        TestSupport.RANDOM);
  }

  /** SEC1 as OpenSSL writes it: version 1, key, [0] named curve, [1] public key. */
  private static byte[] opensslSec1(KeyPair kp) throws Exception {
    var pub = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded());
    var d = ((java.security.interfaces.ECPrivateKey) kp.getPrivate()).getS();
    return new org.bouncycastle.asn1.sec.ECPrivateKey(
            256, d, pub.getPublicKeyData(), org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1)
        .getEncoded();
  }

  private static String bcPem(Object o) throws Exception {
    return writeBc(o);
  }

  private static String bcPem(PrivateKey key, String algorithm) throws Exception {
    StringWriter sw = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
      w.writeObject(key, new JcePEMEncryptorBuilder(algorithm).setProvider(BC).build(PASSWORD));
    }
    return sw.toString();
  }

  private static String writeBc(Object o) throws Exception {
    StringWriter sw = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
      w.writeObject(o);
    }
    return sw.toString();
  }
}
