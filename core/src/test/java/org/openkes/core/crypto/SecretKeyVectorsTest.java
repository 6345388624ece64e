package org.openkes.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openkes.core.crypto.TestData.C2;
import static org.openkes.core.crypto.TestData.K2;
import static org.openkes.core.crypto.TestData.KA;
import static org.openkes.core.crypto.TestData.KB;
import static org.openkes.core.crypto.TestData.KZ;
import static org.openkes.core.crypto.TestData.P1;
import static org.openkes.core.crypto.TestData.P2;
import static org.openkes.core.crypto.TestData.R1;
import static org.openkes.core.crypto.TestData.R2;
import static org.openkes.core.crypto.TestData.aes;
import static org.openkes.core.crypto.TestData.b64;
import static org.openkes.core.crypto.TestData.chacha;
import static org.openkes.core.crypto.TestData.hex;
import static org.openkes.core.crypto.TestData.utf8;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openkes.core.codec.GoBase64;

/** Every test vector of kes-compat §6.6. */
class SecretKeyVectorsTest {
  private static final byte[] ZERO16 = new byte[16];
  private static final byte[] R6_PLAINTEXT = b64("CLcJoykFCWZDkEIiUq9bJRqwCwW9ZDvdgu8EMA==");

  @Test
  void keyBIsTheDocumentedHash() throws Exception {
    byte[] h = MessageDigest.getInstance("SHA-256").digest(utf8("kes-compat key B"));
    assertThat(h).isEqualTo(KB);
  }

  // ---- [repo] decrypt vectors (KES internal/crypto/key_test.go) ----

  static Stream<Arguments> repoVectors() {
    return Stream.of(
        Arguments.of(
            "R0",
            aes(KZ),
            utf8(
                "{\"aead\":\"AES-256-GCM-HMAC-SHA-256\",\"iv\":\"xLxIN3tSCkg2xMafuvwUwg==\","
                    + "\"nonce\":\"gu0mGwUkwcvMEoi5\","
                    + "\"bytes\":\"WVgRjeIJm3w50C/l+y7y2i6mbNg5NCAqN1zvOYWZKmc=\"}"),
            null,
            ZERO16),
        Arguments.of(
            "R1",
            chacha(KZ),
            utf8(
                "{\"aead\":\"ChaCha20Poly1305\",\"iv\":\"s3fSZ6vk5m+DfQA8yZWeUg==\","
                    + "\"nonce\":\"8/kHMnCMs3h9NZ2a\","
                    + "\"bytes\":\"cw22HjLq/4cx8507SW4hhSrYbDiMuRao4b5+GE+XfbE=\"}"),
            null,
            ZERO16),
        Arguments.of(
            "R2",
            chacha(KZ),
            utf8(
                "{\"aead\":\"ChaCha20Poly1305\",\"id\":\"66687aadf862bd776c8fc18b8e9f8e20\","
                    + "\"iv\":\"EC0eZp7Pqt+LnkOae5xaAg==\",\"nonce\":\"X1ejXKmH/ugFZPkk\","
                    + "\"bytes\":\"wIGBTDs6aOvsqJfekZ0PYRT/OHyFX2TXqeNwl1SLXOI=\"}"),
            null,
            ZERO16),
        Arguments.of(
            "R3",
            aes(KZ),
            b64(
                "lbFBRVMyNTYtR0NNX1NIQTI1NtkgNjY2ODdhYWRmODYyYmQ3NzZjOGZjMThiOGU5ZjhlMjDEEExv7LAd"
                    + "4oz0SaHZrX5LBufEDEKME1ow1CDfUFrqv8QgJuy7Sw+jVqz99TK1HV851LT3K4mwwDv46TB2ngWk"
                    + "AJQ="),
            null,
            ZERO16),
        Arguments.of(
            "R4",
            chacha(KZ),
            b64(
                "lbJYQ0hBQ0hBMjAtUE9MWTEzMDXZIDY2Njg3YWFkZjg2MmJkNzc2YzhmYzE4YjhlOWY4ZTIwxBBAr+ap"
                    + "tD4x2+qfOhiErbnkxAxYs8RmNC1JJXD1hiHEIJ2KqM0jjkME7ndx8nyVseesN83Np0rM5ejVUun+"
                    + "fNFu"),
            null,
            ZERO16),
        Arguments.of(
            "R5",
            aes(KZ),
            b64("zwdDgHeRlIFRnJ7+DIhs/ka7GFK2CFSfDELqg1VCyTQzZ58o7MAdupMLk3ZjlMo2ZUDwldL2o41nAWDc"),
            null,
            ZERO16),
        Arguments.of(
            "R6",
            aes(K2),
            b64(
                "s2gmfQHeGdlyL8x1yEWSACUV3GrSoz3t160hugMgzKWgyqesXDVUJ5Dw5Mt076rR1PNiU9X4YjLH14D8"
                    + "a81t2r2xsz4gVZac"),
            ZERO16,
            R6_PLAINTEXT),
        Arguments.of(
            "R7",
            chacha(K2),
            b64(
                "gO4woRIswAJdjUjW7z2ApsSQxJlwB24yjLrmH4eI7sB0uh5nfEJfk9ybTPFft5FRFaZCVBmzhx7OJs9n"
                    + "0WWtxH3sySIxecIK"),
            ZERO16,
            R6_PLAINTEXT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("repoVectors")
  void repoVectorDecrypts(
      String name, SecretKey key, byte[] ciphertext, byte[] context, byte[] plaintext)
      throws Exception {
    assertThat(key.decrypt(ciphertext, context)).isEqualTo(plaintext);
  }

  static Stream<Arguments> repoMustFail() {
    String r0Tail =
        "\"nonce\":\"gu0mGwUkwcvMEoi5\",\"bytes\":\"WVgRjeIJm3w50C/l+y7y2i6mbNg5NCAqN1zvOYWZKmc=\"}";
    return Stream.of(
        Arguments.of(
            "invalid algorithm",
            aes(KZ),
            "{\"aead\":\"AES-256-GCM\",\"iv\":\"xLxIN3tSCkg2xMafuvwUwg==\"," + r0Tail),
        Arguments.of(
            "20-byte iv",
            aes(KZ),
            "{\"aead\":\"AES-256-GCM-HMAC-SHA-256\",\"iv\":\"EjOY4JKqjIrPmQ5z1KSR8zlhggY=\","
                + r0Tail),
        Arguments.of(
            "8-byte nonce (R1)",
            chacha(KZ),
            "{\"aead\":\"ChaCha20Poly1305\",\"iv\":\"s3fSZ6vk5m+DfQA8yZWeUg==\","
                + "\"nonce\":\"SXAbms731/c=\","
                + "\"bytes\":\"cw22HjLq/4cx8507SW4hhSrYbDiMuRao4b5+GE+XfbE=\"}"),
        Arguments.of(
            "8-byte nonce (R0)",
            aes(KZ),
            "{\"aead\":\"AES-256-GCM-HMAC-SHA-256\",\"iv\":\"xLxIN3tSCkg2xMafuvwUwg==\","
                + "\"nonce\":\"efY+4kYF9n8=\","
                + "\"bytes\":\"WVgRjeIJm3w50C/l+y7y2i6mbNg5NCAqN1zvOYWZKmc=\"}"),
        Arguments.of(
            "R0 not authentic",
            aes(KZ),
            "{\"aead\":\"AES-256-GCM-HMAC-SHA-256\",\"iv\":\"xLxIN3tSCkg2xMafuvwUwg==\","
                + "\"nonce\":\"gu0mGwUkwcvMEoi5\","
                + "\"bytes\":\"QTza1g5oX3f9cGJMbY1xJwWPj1F7R2VnNl6XpFKYQy0=\"}"),
        Arguments.of(
            "R1 not authentic",
            chacha(KZ),
            "{\"aead\":\"ChaCha20Poly1305\",\"iv\":\"s3fSZ6vk5m+DfQA8yZWeUg==\","
                + "\"nonce\":\"8/kHMnCMs3h9NZ2a\","
                + "\"bytes\":\"TTi8pkO+Jh1JWAHvPxZeUk/iVoBPUCE4ZSVGBy3fW2s=\"}"),
        Arguments.of(
            "missing comma (invalid JSON)",
            aes(KZ),
            "{\"aead\":\"AES-256-GCM-HMAC-SHA-256\" \"iv\":\"xLxIN3tSCkg2xMafuvwUwg==\","
                + r0Tail));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("repoMustFail")
  void repoMustFailVector(String name, SecretKey key, String ciphertext) {
    assertThatThrownBy(() -> key.decrypt(utf8(ciphertext), null))
        .isExactlyInstanceOf(DecryptionException.class)
        .hasMessage("decryption failed: ciphertext is not authentic")
        .hasNoCause();
  }

  // ---- [computed] current format ----

  record Current(
      String name,
      SecretKey key,
      byte[] random,
      byte[] plaintext,
      byte[] context,
      String derivedKey,
      String ciphertext) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final Current N1 =
      new Current(
          "N1",
          aes(KA),
          R1,
          P1,
          null,
          "cca2029da51e7bb1abedd325fda8eb58d2f0dfee16aff7f22c00344f9286cf2b",
          "qcf1Bz30yIC53JqHKAL3WS5aeBd8CK3MurZWgIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmamw==");
  static final Current N2 =
      new Current(
          "N2",
          aes(KB),
          R2,
          P2,
          C2,
          "9021f07f7fddcf67d5d0a24d041b6e1b9b73b628c89270a14523769ad1ea25e8",
          "GvAhoIhwruoEsb16eO5ZLzBVTdXkm1qoKDmnd6JAJaU1DqQFoffC/oO+O50tM4KgERERERERERERERERERERES"
              + "IiIiIiIiIiIiIiIg==");
  static final Current N3 =
      new Current(
          "N3",
          chacha(KA),
          R1,
          P1,
          null,
          "cfd97df18f2992b7c6e22891ad0c6ec14b36bdec44f932e5a7bff8319db1e927",
          "vOgL2J0B728in3DSBMpiHcpnZLioo6J2hS2SgIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmamw==");
  static final Current N4 =
      new Current(
          "N4",
          chacha(KB),
          R2,
          P2,
          C2,
          "0ac7000c534ab4056da187180f65d673bdb1e2bf6bf77ce08f1cb4ec28ce0ff6",
          "BAj7FOHkcEMgBHbzPmWCsIS59jIjak81QQ0yKUCwyg9/9x+Vwg3uTO0LY0kIam/RERERERERERERERERERERES"
              + "IiIiIiIiIiIiIiIg==");

  static Stream<Current> currentVectors() {
    return Stream.of(N1, N2, N3, N4);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("currentVectors")
  void encryptWithFixedRandomReproducesVector(Current v) {
    byte[] ct = v.key().encrypt(v.plaintext(), v.context(), v.random().clone());
    assertThat(b64(ct)).isEqualTo(v.ciphertext());
    assertThat(ct).hasSize(v.plaintext().length + 44);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("currentVectors")
  void derivedKeyMatches(Current v) {
    byte[] iv = Arrays.copyOfRange(v.random(), 0, 16);
    assertThat(hex(v.key().deriveKey(iv))).isEqualTo(v.derivedKey());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("currentVectors")
  void currentVectorDecrypts(Current v) throws Exception {
    assertThat(v.key().decrypt(b64(v.ciphertext()), v.context())).isEqualTo(v.plaintext());
  }

  @Test
  void n1RawLayout() {
    assertThat(hex(b64(N1.ciphertext())))
        .isEqualTo(
            "a9c7f5073df4c880b9dc9a872802f7592e5a78177c08adccbab656"
                + "808182838485868788898a8b8c8d8e8f"
                + "909192939495969798999a9b");
  }

  @Test
  void wrongContextFails() {
    for (Current v : new Current[] {N2, N4}) {
      byte[] ct = b64(v.ciphertext());
      for (byte[] ctx : new byte[][] {null, new byte[0], utf8("x"), utf8("{\"MinIO\":\"other\"}")}) {
        assertThatThrownBy(() -> v.key().decrypt(ct, ctx))
            .isInstanceOf(DecryptionException.class);
      }
    }
    assertThatThrownBy(() -> N1.key().decrypt(b64(N1.ciphertext()), utf8("x")))
        .isInstanceOf(DecryptionException.class);
  }

  @Test
  void n1UnderChaCha20KeyWithSameBytesFails() {
    assertThatThrownBy(() -> chacha(KA).decrypt(b64(N1.ciphertext()), null))
        .isInstanceOf(DecryptionException.class);
    assertThatThrownBy(() -> aes(KA).decrypt(b64(N3.ciphertext()), null))
        .isInstanceOf(DecryptionException.class);
  }

  // ---- [computed] legacy MessagePack ----

  static Stream<Arguments> msgpackVectors() {
    return Stream.of(
        Arguments.of(
            "M1",
            N1,
            "lbFBRVMyNTYtR0NNX1NIQTI1NtkgNjMwZGNkMjk2NmM0MzM2NjkxMTI1NDQ4YmJiMjViNGbEEICBgoOEhYaH"
                + "iImKi4yNjo/EDJCRkpOUlZaXmJmam8Qbqcf1Bz30yIC53JqHKAL3WS5aeBd8CK3MurZW"),
        Arguments.of(
            "M2",
            N2,
            "lbFBRVMyNTYtR0NNX1NIQTI1NqDEEBERERERERERERERERERERHEDCIiIiIiIiIiIiIiIsQwGvAhoIhwruoE"
                + "sb16eO5ZLzBVTdXkm1qoKDmnd6JAJaU1DqQFoffC/oO+O50tM4Kg"),
        Arguments.of(
            "M3",
            N3,
            "lbJYQ0hBQ0hBMjAtUE9MWTEzMDXZIDYzMGRjZDI5NjZjNDMzNjY5MTEyNTQ0OGJiYjI1YjRmxBCAgYKDhIWG"
                + "h4iJiouMjY6PxAyQkZKTlJWWl5iZmpvEG7zoC9idAe9vIp9w0gTKYh3KZ2S4qKOidoUtkg=="),
        Arguments.of(
            "M4",
            N4,
            "lbJYQ0hBQ0hBMjAtUE9MWTEzMDXZIGU1NWZlOTM5ZWUwOWRmODAwOTZiNjlkMDQ0ODU5MmRmxBARERERERER"
                + "ERERERERERERxAwiIiIiIiIiIiIiIiLEMAQI+xTh5HBDIAR28z5lgrCEufYyI2pPNUENMilAsMoPf/cf"
                + "lcIN7kztC2NJCGpv0Q=="));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("msgpackVectors")
  void msgpackVectorNormalizesAndDecrypts(String name, Current n, String envelope)
      throws Exception {
    byte[] env = b64(envelope);
    assertThat(LegacyEnvelope.normalize(env)).isEqualTo(b64(n.ciphertext()));
    assertThat(n.key().decrypt(env, n.context())).isEqualTo(n.plaintext());
  }

  @Test
  void m1ByteLayout() {
    assertThat(
            hex(
                b64(
                    "lbFBRVMyNTYtR0NNX1NIQTI1NtkgNjMwZGNkMjk2NmM0MzM2NjkxMTI1NDQ4YmJiMjViNGbEEICB"
                        + "goOEhYaHiImKi4yNjo/EDJCRkpOUlZaXmJmam8Qbqcf1Bz30yIC53JqHKAL3WS5aeBd8CK3M"
                        + "urZW")))
        .isEqualTo(
            "95"
                + "b1" + "4145533235362d47434d5f534841323536"
                + "d920" + "3633306463643239363663343333363639313132353434386262623235623466"
                + "c410" + "808182838485868788898a8b8c8d8e8f"
                + "c40c" + "909192939495969798999a9b"
                + "c41b" + "a9c7f5073df4c880b9dc9a872802f7592e5a78177c08adccbab656");
  }

  // ---- [computed] legacy JSON ----

  static Stream<Arguments> jsonVectors() {
    return Stream.of(
        Arguments.of(
            "J1",
            N1,
            "{\"aead\":\"AES-256-GCM-HMAC-SHA-256\",\"iv\":\"gIGCg4SFhoeIiYqLjI2Ojw==\","
                + "\"nonce\":\"kJGSk5SVlpeYmZqb\",\"bytes\":\"qcf1Bz30yIC53JqHKAL3WS5aeBd8CK3MurZW\"}"),
        Arguments.of(
            "J2",
            N2,
            "{\"aead\":\"AES-256-GCM-HMAC-SHA-256\",\"id\":\"e55fe939ee09df80096b69d0448592df\","
                + "\"iv\":\"EREREREREREREREREREREQ==\",\"nonce\":\"IiIiIiIiIiIiIiIi\","
                + "\"bytes\":\"GvAhoIhwruoEsb16eO5ZLzBVTdXkm1qoKDmnd6JAJaU1DqQFoffC/oO+O50tM4Kg\"}"),
        Arguments.of(
            "J3",
            N3,
            "{\"aead\":\"ChaCha20Poly1305\",\"id\":\"630dcd2966c4336691125448bbb25b4f\","
                + "\"iv\":\"gIGCg4SFhoeIiYqLjI2Ojw==\",\"nonce\":\"kJGSk5SVlpeYmZqb\","
                + "\"bytes\":\"vOgL2J0B728in3DSBMpiHcpnZLioo6J2hS2S\"}"),
        Arguments.of(
            "J4",
            N4,
            "{\"aead\":\"ChaCha20Poly1305\",\"iv\":\"EREREREREREREREREREREQ==\","
                + "\"nonce\":\"IiIiIiIiIiIiIiIi\","
                + "\"bytes\":\"BAj7FOHkcEMgBHbzPmWCsIS59jIjak81QQ0yKUCwyg9/9x+Vwg3uTO0LY0kIam/R\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jsonVectors")
  void jsonVectorNormalizesAndDecrypts(String name, Current n, String envelope) throws Exception {
    assertThat(LegacyEnvelope.normalize(utf8(envelope))).isEqualTo(b64(n.ciphertext()));
    assertThat(n.key().decrypt(utf8(envelope), n.context())).isEqualTo(n.plaintext());
  }

  @Test
  void j1AsApiValue() throws Exception {
    String api =
        "eyJhZWFkIjoiQUVTLTI1Ni1HQ00tSE1BQy1TSEEtMjU2IiwiaXYiOiJnSUdDZzRTRmhvZUlpWXFMakkyT2p3"
            + "PT0iLCJub25jZSI6ImtKR1NrNVNWbHBlWW1acWIiLCJieXRlcyI6InFjZjFCejMweUlDNTNKcUhLQUwz"
            + "V1M1YWVCZDhDSzNNdXJaVyJ9";
    byte[] raw = GoBase64.decode(api).orElseThrow();
    assertThat(raw).isEqualTo(utf8((String) jsonVectors().findFirst().orElseThrow().get()[2]));
    assertThat(aes(KA).decrypt(raw, null)).isEqualTo(P1);
  }
}
