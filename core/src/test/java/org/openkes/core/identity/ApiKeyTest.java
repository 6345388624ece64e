package org.openkes.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openkes.core.identity.TestSupport.hex;

import java.security.Signature;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApiKeyTest {

  /** §3.2 worked examples: API key, seed, public key, identity. */
  static Stream<Arguments> workedExamples() {
    return Stream.of(
        Arguments.of(
            "kes:v1:AD9E7FSYWrMD+VjhI6q545cYT9YOyFxZb7UnjEepYDRc",
            "3f44ec54985ab303f958e123aab9e397184fd60ec85c596fb5278c47a960345c",
            "bce7ef7e567e6487fe084ab3ee223d6ce264c9967625abfecaafa9e5be5b04b1",
            "3ecfcdf38fcbe141ae26a1030f81e96b753365a46760ae6b578698a97c59fd22"),
        Arguments.of(
            "kes:v1:ACQpoGqx3rHHjT938Hfu5hVVQJHZWSqVI2Xp1KlYxFVw",
            "2429a06ab1deb1c78d3f77f077eee615554091d9592a952365e9d4a958c45570",
            "a06f6aa534af7404add2f025e748a9cf6f7abf1a7cbd458e12b37c4cd107269e",
            "0426fa9a04bc2756b92fbe8a97e1a1e07b53ecf04ed33da22c33e5c9faeb8cbb"),
        Arguments.of(
            "kes:v1:AAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f",
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
            "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8",
            "a050837d85070582ccf7394b0988847cc312cb88259b894899f6f239cf1791a5"));
  }

  @ParameterizedTest
  @MethodSource("workedExamples")
  void workedExamples(String text, String seed, String publicKey, String identity)
      throws Exception {
    ApiKey key = ApiKey.parse(text);

    assertThat(hex(key.publicKey())).isEqualTo(publicKey);
    assertThat(key.identity().value()).isEqualTo(identity);
    assertThat(key.reveal()).isEqualTo(text);
    assertThat(ApiKey.fromSeed(hex(seed))).isEqualTo(key);
    assertThat(hex(key.pkcs8())).isEqualTo("302e020100300506032b657004220420" + seed);
    assertThat(hex(key.subjectPublicKeyInfo())).isEqualTo("302a300506032b6570032100" + publicKey);
    // The JDK derives the same public key from the seed.
    assertThat(key.jcaPublicKey().getEncoded()).isEqualTo(key.subjectPublicKeyInfo());
  }

  /** kms-go's apikey_test.go vectors. */
  @Test
  void sdkVectors() throws Exception {
    assertThat(ApiKey.parse("kes:v1:AGaV6VXHasF0FnaB60WdCOeTZ8eTIDikL4zlN16c8NAs").identity().value())
        .isEqualTo("ea9826089311fe44d7590408ede9150f7c637b6cab0a91ee6fe1aa5d9fb366f6");
    assertThat(ApiKey.parse("kes:v1:AMxvd2uV1l5dDSRwuKZxSjuM5BDemlr+685+JAHA1TuJ").identity().value())
        .isEqualTo("ab785e3b95d80d72cc9c27cb9fde886a0bf9068a69d40e3bd08a54e68c3f2bf7");
    assertThat(ApiKey.parse("kes:v1:AM0F5TP43FYEShMzA42f2drFYGnBOiNx7UH4DK0nm08E").reveal())
        .isEqualTo("kes:v1:AM0F5TP43FYEShMzA42f2drFYGnBOiNx7UH4DK0nm08E");

    assertRejected(
        "v1:AM0F5TP43FYEShMzA42f2drFYGnBOiNx7UH4DK0nm08E",
        InvalidApiKeyException.Reason.MALFORMED_BASE64,
        "illegal base64 data at input byte 2");
    assertRejected(
        "kes:AM0F5TP43FYEShMzA42f2drFYGnBOiNx7UH4DK0nm08E",
        InvalidApiKeyException.Reason.MALFORMED_BASE64,
        "illegal base64 data at input byte 3");
    assertRejected(
        "kes:v1:sbDvZFqUPFFwxRS4EkuoEb2nyyInkdKSUEYHXFHeTouW",
        InvalidApiKeyException.Reason.UNSUPPORTED_TYPE,
        "kes: invalid API key: unsupported type");
  }

  @Test
  void bareBase64IsAccepted() throws Exception {
    ApiKey bare = ApiKey.parse("AD9E7FSYWrMD+VjhI6q545cYT9YOyFxZb7UnjEepYDRc");
    assertThat(bare.identity().value())
        .isEqualTo("3ecfcdf38fcbe141ae26a1030f81e96b753365a46760ae6b578698a97c59fd22");
    assertThat(bare.reveal()).isEqualTo("kes:v1:AD9E7FSYWrMD+VjhI6q545cYT9YOyFxZb7UnjEepYDRc");
  }

  @Test
  void parseErrorsHaveSdkTexts() {
    assertRejected(
        "kes:v1:AAAA",
        InvalidApiKeyException.Reason.INVALID_LENGTH,
        "kes: invalid API key: invalid length");
    assertRejected(
        "kes:v1:", InvalidApiKeyException.Reason.INVALID_LENGTH,
        "kes: invalid API key: invalid length");
    assertRejected(
        "kes:v1:" + Base64.getEncoder().encodeToString(new byte[34]),
        InvalidApiKeyException.Reason.INVALID_LENGTH,
        "kes: invalid API key: invalid length");
    byte[] typeOne = new byte[33];
    typeOne[0] = 1;
    assertRejected(
        "kes:v1:" + Base64.getEncoder().encodeToString(typeOne),
        InvalidApiKeyException.Reason.UNSUPPORTED_TYPE,
        "kes: invalid API key: unsupported type");
    // Padding is required; missing padding is reported where Go reports it.
    assertRejected(
        "kes:v1:AD9E7FSYWrMD+VjhI6q545cYT9YOyFxZb7UnjEepYDR",
        InvalidApiKeyException.Reason.MALFORMED_BASE64,
        "illegal base64 data at input byte 40");
    // URL-safe alphabet is not standard base64.
    assertRejected(
        "kes:v1:AD9E7FSYWrMD-VjhI6q545cYT9YOyFxZb7UnjEepYDRc",
        InvalidApiKeyException.Reason.MALFORMED_BASE64,
        "illegal base64 data at input byte 12");
    // The prefix is stripped once only.
    assertRejected(
        "kes:v1:kes:v1:AD9E7FSYWrMD+VjhI6q545cYT9YOyFxZb7UnjEepYDRc",
        InvalidApiKeyException.Reason.MALFORMED_BASE64,
        "illegal base64 data at input byte 3");
  }

  @Test
  void secretNeverInToStringOrErrors() throws Exception {
    String text = "kes:v1:AD9E7FSYWrMD+VjhI6q545cYT9YOyFxZb7UnjEepYDRc";
    ApiKey key = ApiKey.parse(text);

    assertThat(key.toString())
        .doesNotContain("AD9E7FSYWrMD")
        .doesNotContain("3f44ec54")
        .contains(key.identity().value())
        .contains("redacted");
    // A near-miss secret must not leak through the error either.
    String typo = text.substring(0, text.length() - 1) + "!";
    assertThatThrownBy(() -> ApiKey.parse(typo))
        .isInstanceOf(InvalidApiKeyException.class)
        .hasMessageNotContaining("AD9E7FSYWrMD");
  }

  @Test
  void generatedKeysRoundTrip() throws Exception {
    ApiKey a = ApiKey.generate(TestSupport.RANDOM);
    ApiKey b = ApiKey.generate(TestSupport.RANDOM);

    assertThat(a).isNotEqualTo(b);
    assertThat(ApiKey.parse(a.reveal())).isEqualTo(a).hasSameHashCodeAs(a);
    assertThat(a.reveal()).startsWith("kes:v1:A").hasSize(7 + 44);
  }

  @Test
  void jcaKeysSignAndVerify() throws Exception {
    ApiKey key = ApiKey.generate(TestSupport.RANDOM);
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(key.jcaPrivateKey());
    s.update(new byte[] {1, 2, 3});
    byte[] sig = s.sign();
    Signature v = Signature.getInstance("Ed25519");
    v.initVerify(key.jcaPublicKey());
    v.update(new byte[] {1, 2, 3});
    assertThat(v.verify(sig)).isTrue();
  }

  @Test
  void fromEd25519Pkcs8() throws Exception {
    ApiKey key = ApiKey.parse("kes:v1:ACQpoGqx3rHHjT938Hfu5hVVQJHZWSqVI2Xp1KlYxFVw");

    assertThat(ApiKey.fromEd25519Pkcs8(key.pkcs8())).isEqualTo(key);
    // The JDK's own encoding of a generated key works too.
    var jdk = TestSupport.generate("Ed25519", 0);
    assertThat(ApiKey.fromEd25519Pkcs8(jdk.getPrivate().getEncoded()).subjectPublicKeyInfo())
        .isEqualTo(jdk.getPublic().getEncoded());
  }

  @Test
  void fromPkcs8RejectsOtherKeys() throws Exception {
    byte[] ec = TestSupport.generate("EC", 256).getPrivate().getEncoded();
    byte[] rsa = TestSupport.generate("RSA", 2048).getPrivate().getEncoded();
    for (byte[] der : new byte[][] {ec, rsa}) {
      assertThatThrownBy(() -> ApiKey.fromEd25519Pkcs8(der))
          .isInstanceOfSatisfying(
              KeyMaterialException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.NOT_ED25519);
                assertThat(e.getMessage())
                    .isEqualTo("unsupported private key. Only ed25519 private keys are supported");
              });
    }
    assertThatThrownBy(() -> ApiKey.fromEd25519Pkcs8(new byte[] {0x30, 0x00}))
        .isInstanceOfSatisfying(
            KeyMaterialException.class,
            e -> assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.MALFORMED_PRIVATE_KEY));
  }

  private static void assertRejected(
      String input, InvalidApiKeyException.Reason reason, String message) {
    assertThatThrownBy(() -> ApiKey.parse(input))
        .isInstanceOfSatisfying(
            InvalidApiKeyException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }
}
