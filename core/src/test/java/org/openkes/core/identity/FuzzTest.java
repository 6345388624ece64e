package org.openkes.core.identity;

import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input to every parser: random bytes, and valid inputs with bytes flipped, cut off or
 * duplicated (which reach far deeper than random noise). The only acceptable failures are our
 * typed exceptions; anything else (a RuntimeException from the JDK or BouncyCastle, an
 * OutOfMemoryError from a lying length field) fails the test with the input that caused it.
 */
class FuzzTest {
  private static final int RANDOM_ROUNDS = 3_000;
  private static final int MUTATION_ROUNDS = 3_000;

  private static final List<byte[]> DER_SEEDS = new ArrayList<>();
  private static final List<byte[]> PEM_SEEDS = new ArrayList<>();

  @BeforeAll
  static void seeds() throws Exception {
    ApiKey apiKey = ApiKey.generate(TestSupport.RANDOM);
    KeyPair ec = TestSupport.generate("EC", 256);
    KeyPair rsa = TestSupport.generate("RSA", 1024);
    X509Certificate edCert = apiKey.certificate();
    X509Certificate ecCert =
        SelfSignedCertificates.forDevServer(List.of(), Instant.now(), TestSupport.RANDOM).certificate();
    DER_SEEDS.add(edCert.getEncoded());
    DER_SEEDS.add(ecCert.getEncoded());
    DER_SEEDS.add(apiKey.pkcs8());
    DER_SEEDS.add(ec.getPrivate().getEncoded());
    DER_SEEDS.add(rsa.getPrivate().getEncoded());
    for (byte[] der : List.copyOf(DER_SEEDS)) {
      PEM_SEEDS.add(GoPem.encode("CERTIFICATE", java.util.Map.of(), der).getBytes(StandardCharsets.US_ASCII));
    }
    PEM_SEEDS.add(utf8(Pem.encodePrivateKey(ec.getPrivate())));
    PEM_SEEDS.add(utf8(Pem.encodePrivateKey(rsa.getPrivate())));
    PEM_SEEDS.add(utf8(Pem.encodeEncryptedPrivateKey(ec.getPrivate(), "pw".toCharArray(), TestSupport.RANDOM)));
    PEM_SEEDS.add(utf8(Pem.encodeCertificate(ecCert) + Pem.encodePkcs8(apiKey.pkcs8())));
  }

  interface Parser {
    void parse(byte[] input) throws KeyMaterialException, InvalidApiKeyException;
  }

  private static final List<Parser> PARSERS =
      List.of(
          in -> ApiKey.parse(new String(in, StandardCharsets.UTF_8)),
          in -> ApiKey.parse(ApiKey.PREFIX + new String(in, StandardCharsets.ISO_8859_1)),
          ApiKey::fromEd25519Pkcs8,
          Identity::ofCertificateDer,
          Pem::readCertificates,
          in -> Pem.readPrivateKey(in, null),
          in -> Pem.readPrivateKey(in, "pw".toCharArray()),
          Pem::isPrivateKeyEncrypted,
          Pem::readIdentityOrApiKey,
          in -> PrivateKeys.parseTlsPrivateKey(in));

  @Test
  void randomBytes() {
    Random rnd = new Random(0xC0FFEE);
    for (int i = 0; i < RANDOM_ROUNDS; i++) {
      byte[] in = new byte[rnd.nextInt(i % 10 == 0 ? 4096 : 64)];
      rnd.nextBytes(in);
      if (i % 3 == 0 && in.length > 0) {
        in[0] = 0x30; // look like DER
      }
      feedAll(in);
    }
  }

  @Test
  void randomBase64AndPemLikeText() {
    Random rnd = new Random(42);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\n:- ";
    for (int i = 0; i < RANDOM_ROUNDS; i++) {
      StringBuilder sb = new StringBuilder();
      if (rnd.nextBoolean()) {
        sb.append("-----BEGIN ").append(rnd.nextBoolean() ? "CERTIFICATE" : "PRIVATE KEY").append("-----\n");
      }
      int len = rnd.nextInt(120);
      for (int k = 0; k < len; k++) {
        sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      feedAll(utf8(sb.toString()));
    }
  }

  @Test
  void mutatedDer() {
    Random rnd = new Random(7);
    for (int i = 0; i < MUTATION_ROUNDS; i++) {
      feedAll(mutate(DER_SEEDS.get(i % DER_SEEDS.size()), rnd));
    }
  }

  @Test
  void mutatedPem() {
    Random rnd = new Random(8);
    for (int i = 0; i < MUTATION_ROUNDS; i++) {
      feedAll(mutate(PEM_SEEDS.get(i % PEM_SEEDS.size()), rnd));
    }
  }

  @Test
  void pemAroundMutatedDer() {
    // Valid PEM framing so that the DER parsers behind it get the mutations.
    Random rnd = new Random(9);
    String[] types = {"CERTIFICATE", "PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY"};
    for (int i = 0; i < MUTATION_ROUNDS; i++) {
      byte[] der = mutate(DER_SEEDS.get(i % DER_SEEDS.size()), rnd);
      feedAll(utf8(GoPem.encode(types[rnd.nextInt(types.length)], java.util.Map.of(), der)));
    }
  }

  private static byte[] mutate(byte[] seed, Random rnd) {
    byte[] b = seed.clone();
    switch (rnd.nextInt(5)) {
      case 0 -> { // flip a few bytes
        for (int k = 0, n = 1 + rnd.nextInt(4); k < n; k++) {
          b[rnd.nextInt(b.length)] ^= (byte) (1 + rnd.nextInt(255));
        }
      }
      case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length)); // truncate
      case 2 -> { // lengths are where parsers go wrong: set one byte to a large length prefix
        b[rnd.nextInt(b.length)] = (byte) (0x81 + rnd.nextInt(4));
      }
      case 3 -> { // duplicate a slice
        int from = rnd.nextInt(b.length);
        int to = from + rnd.nextInt(b.length - from);
        byte[] out = Arrays.copyOf(b, b.length + (to - from));
        System.arraycopy(b, from, out, to, b.length - from);
        b = out;
      }
      default -> { // insert random bytes
        int at = rnd.nextInt(b.length);
        byte[] noise = new byte[1 + rnd.nextInt(8)];
        rnd.nextBytes(noise);
        byte[] out = new byte[b.length + noise.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(noise, 0, out, at, noise.length);
        System.arraycopy(b, at, out, at + noise.length, b.length - at);
        b = out;
      }
    }
    return b;
  }

  private static void feedAll(byte[] input) {
    for (int p = 0; p < PARSERS.size(); p++) {
      try {
        PARSERS.get(p).parse(input);
      } catch (KeyMaterialException | InvalidApiKeyException expected) {
        // the only allowed failure
      } catch (Throwable t) {
        fail("parser #" + p + " threw " + t + " on input " + HexFormat.of().formatHex(input), t);
      }
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
