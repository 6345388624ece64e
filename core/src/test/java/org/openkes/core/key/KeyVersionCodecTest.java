package org.openkes.core.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openkes.core.crypto.HmacKey;
import org.openkes.core.crypto.KeyType;
import org.openkes.core.crypto.SecretKey;

@Timeout(120)
class KeyVersionCodecTest {
  private static final String ADMIN = "3ecfcdf38fcbe141ae26a1030f81e96b753365a46760ae6b578698a97c59fd22";

  private static byte[] seq(int from) {
    byte[] b = new byte[32];
    for (int i = 0; i < 32; i++) {
      b[i] = (byte) (from + i);
    }
    return b;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  // §5.3 [repo] from internal/crypto/key_test.go
  @Test
  void decodesTheRepoExample() throws Exception {
    String value = "CiQKIMiHG7XrN94FuwblJJor4f7f6rbqAl7DwsLaiIoyz0D2EAESJAognLXl4yqa4cjZTcSbsU6sNnN8kP9ARWkXwa20YQZa9HgQARoMCNithK0GEID67qYDIkAzZWNmY2RmMzhmY2JlMTQxYWUyNmExMDMwZjgxZTk2Yjc1MzM2NWE0Njc2MGFlNmI1Nzg2OThhOTdjNTlmZDIy";
    KeyVersion v = KeyVersionCodec.decode(ascii(value));
    assertThat(v.key()).isEqualTo(SecretKey.of(KeyType.AES256,
        Base64.getDecoder().decode("yIcbtes33gW7BuUkmivh/t/qtuoCXsPCwtqIijLPQPY=")));
    assertThat(v.hmacKey()).contains(HmacKey.of(
        Base64.getDecoder().decode("nLXl4yqa4cjZTcSbsU6sNnN8kP9ARWkXwa20YQZa9Hg=")));
    assertThat(v.createdAt()).isEqualTo(Instant.parse("2024-01-12T10:39:20.886816Z"));
    assertThat(v.createdBy()).isEqualTo(ADMIN);
    // ... and re-encodes byte for byte.
    assertThat(new String(KeyVersionCodec.encode(v), StandardCharsets.US_ASCII)).isEqualTo(value);
  }

  // §5.3 [computed]
  @Test
  void encodesTheComputedAesExample() throws Exception {
    KeyVersion v = KeyVersion.of(SecretKey.of(KeyType.AES256, seq(0)), HmacKey.of(seq(0x20)),
        Instant.parse("2025-01-02T03:04:05.123456789Z"), ADMIN);
    byte[] encoded = KeyVersionCodec.encode(v);
    String hex = "0a240a20000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f1001"
        + "12240a20202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f1001"
        + "1a0b08a584d8bb0610959aef3a"
        + "224033656366636466333866636265313431616532366131303330663831653936623735333336356134363736306165366235373836393861393763353966643232";
    assertThat(HexFormat.of().formatHex(Base64.getDecoder().decode(encoded))).isEqualTo(hex);
    assertThat(new String(encoded, StandardCharsets.US_ASCII)).isEqualTo(
        "CiQKIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fEAESJAogICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8QARoLCKWE2LsGEJWa7zoiQDNlY2ZjZGYzOGZjYmUxNDFhZTI2YTEwMzBmODFlOTZiNzUzMzY1YTQ2NzYwYWU2YjU3ODY5OGE5N2M1OWZkMjI=");
    assertThat(KeyVersionCodec.decode(encoded).sameKeyMaterial(v)).isTrue();
  }

  @Test
  void encodesTheComputedChaChaExample() throws Exception {
    KeyVersion v = KeyVersion.of(
        SecretKey.of(KeyType.CHACHA20,
            Base64.getDecoder().decode("WyLt8JaWRZI8FqGYbuDjP35eSPM5BJ2BeUMJ41c+DUc=")),
        HmacKey.of(seq(0x20)), Instant.parse("2025-01-02T03:04:05Z"), "");
    String value = "CiQKIFsi7fCWlkWSPBahmG7g4z9+XkjzOQSdgXlDCeNXPg1HEAISJAogICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8QARoGCKWE2LsG";
    assertThat(new String(KeyVersionCodec.encode(v), StandardCharsets.US_ASCII)).isEqualTo(value);
    KeyVersion back = KeyVersionCodec.decode(ascii(value));
    assertThat(back.key().type()).isEqualTo(KeyType.CHACHA20);
    assertThat(back.createdBy()).isEmpty();
    assertThat(back.createdAt()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
  }

  @Test
  void missingTimestampIsTheUnixEpoch() throws Exception {
    KeyVersion v = KeyVersion.of(SecretKey.of(KeyType.AES256, seq(0)), HmacKey.of(seq(1)),
        Instant.EPOCH, "");
    byte[] enc = KeyVersionCodec.encode(v);
    assertThat(KeyVersionCodec.decode(enc).createdAt()).isEqualTo(Instant.EPOCH);
  }

  @Test
  void acceptsATrailingNewlineAndUnknownFields() throws Exception {
    KeyVersion v = KeyVersion.of(SecretKey.of(KeyType.AES256, seq(0)), HmacKey.of(seq(1)),
        Instant.parse("2024-05-06T07:08:09Z"), "x");
    byte[] proto = Base64.getDecoder().decode(KeyVersionCodec.encode(v));
    // Append an unknown field 9 (varint 5): proto3 readers skip it.
    byte[] withUnknown = java.util.Arrays.copyOf(proto, proto.length + 2);
    withUnknown[proto.length] = (byte) (9 << 3);
    withUnknown[proto.length + 1] = 5;
    String text = Base64.getEncoder().encodeToString(withUnknown);
    assertThat(KeyVersionCodec.decode(ascii(text + "\n")).sameKeyMaterial(v)).isTrue();
  }

  // §5.4 [repo] legacy JSON examples
  @Test
  void decodesLegacyJson() throws Exception {
    KeyVersion zero = KeyVersionCodec.decode(ascii("{\"bytes\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}"));
    assertThat(zero.key()).isEqualTo(SecretKey.of(KeyType.AES256, new byte[32]));
    assertThat(zero.hmacKey()).isEmpty();
    assertThat(zero.createdAt()).isEqualTo(KeyVersion.GO_ZERO_TIME);
    assertThat(zero.createdBy()).isEmpty();

    KeyVersion aes = KeyVersionCodec.decode(ascii("{\"bytes\":\"J8qmOyEV2ce2yoAC+5t0Y7CSP/hTMppL7XHpAnyc+0E=\",\"algorithm\":\"AES256-GCM_SHA256\",\"created_at\":\"2009-11-10T23:00:00Z\",\"created_by\":\"40235905b7b83e0537a002db523cd019d6709b899adc249c957860cd00fa9f78\"}"));
    assertThat(aes.key().type()).isEqualTo(KeyType.AES256);
    assertThat(aes.createdAt()).isEqualTo(Instant.parse("2009-11-10T23:00:00Z"));
    assertThat(aes.createdBy()).isEqualTo("40235905b7b83e0537a002db523cd019d6709b899adc249c957860cd00fa9f78");

    KeyVersion chacha = KeyVersionCodec.decode(ascii("{\"bytes\":\"9ew6BCae3+13sniOUwttEJ62amg98YXc0OW0WBhNiCY=\",\"algorithm\":\"XCHACHA20-POLY1305\",\"created_at\":\"2009-11-10T23:00:00Z\",\"created_by\":\"189d9de5331e3ee8abe9e4bd40d474ad621d79ccf83a711f6ac68050eb15a52a\"}"));
    assertThat(chacha.key().type()).isEqualTo(KeyType.CHACHA20);
  }

  @Test
  void legacyJsonFollowsGoRules() throws Exception {
    // Case-insensitive member names, unknown members ignored, last duplicate wins, whitespace.
    KeyVersion v = KeyVersionCodec.decode(ascii(
        " {\"VERSION\":\"v1\",\"Bytes\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\","
            + "\"Algorithm\":\"AES256\",\"algorithm\":\"ChaCha20\",\"created_by\":null} \n"));
    assertThat(v.key().type()).isEqualTo(KeyType.CHACHA20);
    assertThat(v.createdBy()).isEmpty();
  }

  @Test
  void legacyJsonErrorsCarryKesMessages() {
    assertThatThrownBy(() -> KeyVersionCodec.decode(ascii("{\"bytes\":\"AAAA\"}")))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessage("crypto: invalid key length '3' for 'AES256'");
    assertThatThrownBy(() -> KeyVersionCodec.decode(ascii(
        "{\"bytes\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"algorithm\":\"DES\"}")))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessage("crypto: secret key type 'DES' is not supported");
    assertThatThrownBy(() -> KeyVersionCodec.decode(ascii("{\"bytes\":5}")))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("cannot unmarshal number");
    assertThatThrownBy(() -> KeyVersionCodec.decode(ascii("[1,2]")))
        .isInstanceOf(InvalidKeyException.class);
    // Not valid JSON: goes down the base64 path and fails there.
    assertThatThrownBy(() -> KeyVersionCodec.decode(ascii("{\"bytes\"\"AAAA\"}")))
        .isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void protobufErrorsCarryKesMessages() {
    // A KeyVersion with only an HMAC key: real KES crashes on it; we reject it.
    byte[] onlyHmac = new org.openkes.core.codec.ProtoWriter()
        .message(2, new org.openkes.core.codec.ProtoWriter().bytes(1, seq(0)).varint(2, 1))
        .toByteArray();
    assertThatThrownBy(() -> KeyVersionCodec.decode(ascii(Base64.getEncoder().encodeToString(onlyHmac))))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessage("crypto: invalid secret key length '0'");
    byte[] badType = new org.openkes.core.codec.ProtoWriter()
        .message(1, new org.openkes.core.codec.ProtoWriter().bytes(1, seq(0)).varint(2, 3))
        .message(2, new org.openkes.core.codec.ProtoWriter().bytes(1, seq(0)).varint(2, 1))
        .toByteArray();
    assertThatThrownBy(() -> KeyVersionCodec.decode(ascii(Base64.getEncoder().encodeToString(badType))))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessage("crypto: invalid secret key type '3'");
    byte[] shortHmac = new org.openkes.core.codec.ProtoWriter()
        .message(1, new org.openkes.core.codec.ProtoWriter().bytes(1, seq(0)).varint(2, 1))
        .message(2, new org.openkes.core.codec.ProtoWriter().bytes(1, new byte[16]).varint(2, 1))
        .toByteArray();
    assertThatThrownBy(() -> KeyVersionCodec.decode(ascii(Base64.getEncoder().encodeToString(shortHmac))))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessage("crypto: invalid HMAC key length '16'");
    assertThatThrownBy(() -> KeyVersionCodec.decode(ascii("not base64!")))
        .isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> KeyVersionCodec.decode(new byte[0]))
        .isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void legacyKeysCannotBeEncoded() throws Exception {
    KeyVersion legacy = KeyVersion.legacy(SecretKey.of(KeyType.AES256, new byte[32]), Instant.EPOCH, "");
    assertThatThrownBy(() -> KeyVersionCodec.encode(legacy)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sameKeyMaterialIgnoresEncodingAndMetadata() throws Exception {
    KeyVersion a = KeyVersion.of(SecretKey.of(KeyType.AES256, seq(0)), HmacKey.of(seq(1)), Instant.EPOCH, "a");
    KeyVersion b = KeyVersion.of(SecretKey.of(KeyType.AES256, seq(0)), HmacKey.of(seq(1)), Instant.now(), "b");
    KeyVersion c = KeyVersion.of(SecretKey.of(KeyType.CHACHA20, seq(0)), HmacKey.of(seq(1)), Instant.EPOCH, "a");
    KeyVersion d = KeyVersion.legacy(SecretKey.of(KeyType.AES256, seq(0)), Instant.EPOCH, "a");
    assertThat(a.sameKeyMaterial(b)).isTrue();
    assertThat(a.sameKeyMaterial(c)).isFalse();
    assertThat(a.sameKeyMaterial(d)).isFalse();
    assertThat(d.sameKeyMaterial(KeyVersion.legacy(SecretKey.of(KeyType.AES256, seq(0)), Instant.now(), ""))).isTrue();
    assertThat(a.toString()).doesNotContain("AAEC").contains("AES256");
  }

  /** Random and mutated input: only InvalidKeyException, never anything else, never a hang. */
  @Test
  void fuzzDecoderWithRandomAndMutatedInput() throws Exception {
    Random rnd = new Random(42);
    byte[] valid = KeyVersionCodec.encode(KeyVersion.of(SecretKey.of(KeyType.AES256, seq(0)),
        HmacKey.of(seq(1)), Instant.parse("2024-05-06T07:08:09Z"), ADMIN));
    byte[] validProto = Base64.getDecoder().decode(valid);
    int decoded = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] input;
      switch (i % 4) {
        case 0 -> {
          input = new byte[rnd.nextInt(200)];
          rnd.nextBytes(input);
        }
        case 1 -> { // mutate the protobuf, then re-encode as base64
          byte[] p = validProto.clone();
          for (int m = 0; m <= rnd.nextInt(4); m++) {
            p[rnd.nextInt(p.length)] = (byte) rnd.nextInt(256);
          }
          input = ascii(Base64.getEncoder().encodeToString(
              java.util.Arrays.copyOf(p, rnd.nextInt(p.length + 1))));
        }
        case 2 -> { // random JSON-ish
          String[] parts = {"{", "}", "\"bytes\"", ":", "\"AAAA\"", ",", "null", "1", "[", "]", "\"algorithm\"", "\"created_at\"", "\"x\""};
          StringBuilder sb = new StringBuilder();
          for (int k = rnd.nextInt(12); k >= 0; k--) {
            sb.append(parts[rnd.nextInt(parts.length)]);
          }
          input = ascii(sb.toString());
        }
        default -> { // random base64 text
          byte[] raw = new byte[rnd.nextInt(120)];
          rnd.nextBytes(raw);
          input = ascii(Base64.getEncoder().encodeToString(raw));
        }
      }
      try {
        KeyVersionCodec.decode(input);
        decoded++;
      } catch (InvalidKeyException expected) {
        // the only allowed failure
      }
    }
    assertThat(decoded).isLessThan(20_000);
  }
}
