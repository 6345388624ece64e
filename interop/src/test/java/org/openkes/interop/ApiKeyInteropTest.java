package org.openkes.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openkes.client.Credentials;
import org.openkes.client.KesClient;
import org.openkes.core.identity.ApiKey;
import org.openkes.core.identity.Identity;
import org.openkes.core.identity.Pem;
import org.openkes.core.identity.SelfSignedCertificates;

/**
 * API keys and identities between the real {@code kes identity} and our core and client: keys it
 * generates work with our client and parse with our ApiKey; identities it computes equal ours;
 * the [computed] rows of kes-compat.md §3.2 are confirmed by the binary.
 */
@RequiresRealKes
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeyInteropTest {
  @TempDir static Path dir;
  private KesBinary kes;

  @BeforeAll
  void binary() {
    kes = KesBinary.require();
  }

  private String identityOf(String apiKeyOrFile) throws Exception {
    return kes.run(dir, "identity", "of", apiKeyOrFile).ok();
  }

  private Path pem(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  Iterable<CompatVectors.ApiKeyRow> rows() {
    return CompatVectors.API_KEYS;
  }

  @ParameterizedTest(name = "{3}")
  @MethodSource("rows")
  void section32RowsAreConfirmedByTheBinary(CompatVectors.ApiKeyRow row) throws Exception {
    ApiKey key = ApiKey.parse(row.apiKey());
    // identity: kes identity of <api key>
    assertThat(identityOf(row.apiKey())).isEqualTo(row.identity()).isEqualTo(key.identity().value());
    // seed: KES turns a PKCS#8 Ed25519 key with this seed into exactly this API key
    ApiKey fromSeed = ApiKey.fromSeed(HexFormat.of().parseHex(row.seedHex()));
    assertThat(fromSeed).isEqualTo(key);
    Path keyFile = pem("seed-" + row.identity() + ".key", Pem.encodePkcs8(fromSeed.pkcs8()));
    assertThat(kes.run(dir, "identity", keyFile.toString()).ok()).isEqualTo(row.apiKey());
    // public key: a certificate carrying it has the identity (the SHA-256 of its SPKI)
    assertThat(HexFormat.of().formatHex(key.publicKey())).isEqualTo(row.publicKeyHex());
    Path certFile = pem("seed-" + row.identity() + ".crt", Pem.encodeCertificate(key.certificate()));
    assertThat(identityOf(certFile.toString())).isEqualTo(row.identity());
  }

  @Test
  void aKeyGeneratedByKesWorksWithOurClient() throws Exception {
    String text = kes.run(dir, "identity").ok(); // not a terminal: only the key is printed
    ApiKey key = ApiKey.parse(text);
    assertThat(key.reveal().equals(text)).as("our encoding equals kes's text (not shown)").isTrue();
    Identity identity = Identity.of(identityOf(text));
    assertThat(key.identity()).isEqualTo(identity);

    try (RealKesServer server = RealKesServer.builder(kes, dir.resolve("kes-generated")).admin(identity).start();
        KesClient client = server.client(key)) {
      assertThat(client.describeSelf().info().identity()).isEqualTo(identity);
      assertThat(client.describeSelf().info().admin()).isTrue();
    }
  }

  @Test
  void identityNewFilesWorkWithOurClientAndCore() throws Exception {
    Path keyFile = dir.resolve("new.key");
    Path certFile = dir.resolve("new.crt");
    String out = kes.run(dir, "identity", "new", "--key", keyFile.toString(), "--cert", certFile.toString()).ok();
    ApiKey printedKey = ApiKey.parse(match(out, "(kes:v1:[A-Za-z0-9+/=]+)"));
    Identity printedIdentity = Identity.of(match(out, "Your Identity:\\s+([0-9a-f]{64})"));

    X509Certificate cert = Pem.readCertificates(Files.readAllBytes(certFile)).get(0);
    assertThat(Identity.ofCertificate(cert)).isEqualTo(printedIdentity);
    assertThat(printedKey.identity()).isEqualTo(printedIdentity);
    var fromKeyFile = Pem.readIdentityOrApiKey(Files.readAllBytes(keyFile));
    assertThat(fromKeyFile).isInstanceOfSatisfying(Pem.IdentityOrApiKey.OfPrivateKey.class,
        k -> assertThat(k.apiKey()).isEqualTo(printedKey));
    assertThat(identityOf(certFile.toString())).isEqualTo(printedIdentity.value());

    // Our forIdentityNew makes the same kind of certificate (§3.3, §8.3).
    X509Certificate ours = SelfSignedCertificates.forIdentityNew(printedKey, Optional.empty(), List.of(), List.of(),
        SelfSignedCertificates.IDENTITY_NEW_DEFAULT_EXPIRY, Instant.now(), new SecureRandom());
    assertThat(ours.getSubjectX500Principal()).isEqualTo(cert.getSubjectX500Principal());
    assertThat(ours.getCriticalExtensionOIDs()).isEqualTo(cert.getCriticalExtensionOIDs());
    assertThat(ours.getNonCriticalExtensionOIDs()).isEqualTo(cert.getNonCriticalExtensionOIDs());
    assertThat(ours.getExtendedKeyUsage()).isEqualTo(cert.getExtendedKeyUsage());
    assertThat(ours.getKeyUsage()).isEqualTo(cert.getKeyUsage());
    assertThat(ours.getBasicConstraints()).isEqualTo(cert.getBasicConstraints());
    assertThat(Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()))
        .isEqualTo(SelfSignedCertificates.IDENTITY_NEW_DEFAULT_EXPIRY);
    assertThat(cert.getSerialNumber()).isBetween(BigInteger.ZERO, BigInteger.TWO.pow(128));

    try (RealKesServer server = RealKesServer.builder(kes, dir.resolve("kes-new")).admin(printedIdentity).start()) {
      try (KesClient files = server.client(Credentials.pemFiles(certFile, keyFile, null)).build()) {
        assertThat(files.describeSelf().info().identity()).isEqualTo(printedIdentity);
      }
      try (KesClient apiKey = server.client(printedKey)) { // same key pair, other certificate
        assertThat(apiKey.describeSelf().info().identity()).isEqualTo(printedIdentity);
      }
    }
  }

  @Test
  void identityOfOurCertificatesEqualsOurs() throws Exception {
    for (String alg : new String[] {"EC", "RSA", "Ed25519"}) {
      KeyPair keys = alg.equals("EC")
          ? SelfSignedCertificates.generateEcP256(new SecureRandom())
          : KeyPairGenerator.getInstance(alg).generateKeyPair();
      Instant now = Instant.now();
      X509Certificate cert = SelfSignedCertificates.create(keys, new SelfSignedCertificates.Template("c-" + alg,
          List.of("kes.example"), List.of(InetAddress.getByName("10.0.0.1")), List.of(SelfSignedCertificates.Usage.CLIENT_AUTH),
          now, now.plus(Duration.ofDays(1))), new SecureRandom());
      Path file = pem(alg + ".crt", Pem.encodeCertificate(cert));
      assertThat(identityOf(file.toString())).as(alg).isEqualTo(Identity.ofCertificate(cert).value());
    }
  }

  @Test
  void ourApiKeyCertificateHasTheKeysIdentityForKes() throws Exception {
    ApiKey key = ApiKey.generate(new SecureRandom());
    Path file = pem("api-key.crt", Pem.encodeCertificate(Credentials.apiKey(key).chain().get(0)));
    assertThat(identityOf(file.toString())).isEqualTo(key.identity().value());
    assertThat(identityOf(key.reveal())).isEqualTo(key.identity().value());
  }

  @Test
  void kesRefusesNonEd25519PrivateKeysAsApiKeys() throws Exception {
    PrivateKey ec = SelfSignedCertificates.generateEcP256(new SecureRandom()).getPrivate();
    Path file = pem("ec.key", Pem.encodePrivateKey(ec));
    KesBinary.Result r = kes.run(dir, "identity", file.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("contains unsupported private key. Only ed25519 private keys are supported");
    assertThat(Set.of(r.stdout().strip())).containsExactly("");
  }

  private static String match(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new AssertionError("kes identity new printed no match for " + regex); // output not shown: it holds a key
    }
    return m.group(1);
  }
}
