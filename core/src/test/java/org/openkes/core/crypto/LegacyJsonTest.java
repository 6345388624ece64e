package org.openkes.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openkes.core.crypto.TestData.KA;
import static org.openkes.core.crypto.TestData.P1;
import static org.openkes.core.crypto.TestData.aes;
import static org.openkes.core.crypto.TestData.b64;
import static org.openkes.core.crypto.TestData.utf8;

import java.io.ByteArrayOutputStream;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON envelope of KES ≤ v0.19 (kes-compat §6.5) read with Go's encoding/json rules (§1.2),
 * beyond vectors J1–J4. Every envelope here carries N1's parts (key KA, AES256, "Hello World").
 */
class LegacyJsonTest {
  private static final String AEAD = "\"aead\":\"AES-256-GCM-HMAC-SHA-256\"";
  private static final String IV = "\"iv\":\"gIGCg4SFhoeIiYqLjI2Ojw==\"";
  private static final String NONCE = "\"nonce\":\"kJGSk5SVlpeYmZqb\"";
  private static final String BYTES = "\"bytes\":\"qcf1Bz30yIC53JqHKAL3WS5aeBd8CK3MurZW\"";
  private static final byte[] N1 = b64(SecretKeyVectorsTest.N1.ciphertext());

  private static String object(String... members) {
    var j = new StringJoiner(",", "{", "}");
    for (String m : members) {
      j.add(m);
    }
    return j.toString();
  }

  private static void assertDecrypts(String json) throws Exception {
    assertDecrypts(utf8(json));
  }

  private static void assertDecrypts(byte[] json) throws Exception {
    assertThat(LegacyJsonEnvelope.parse(json)).hasValue(N1);
    assertThat(aes(KA).decrypt(json, null)).isEqualTo(P1);
  }

  private static void assertRejected(String json) {
    assertRejected(utf8(json));
  }

  private static void assertRejected(byte[] json) {
    assertThat(LegacyJsonEnvelope.parse(json)).isEmpty();
    assertThat(LegacyEnvelope.normalize(json)).isSameAs(json);
    assertThatThrownBy(() -> aes(KA).decrypt(json, null))
        .isInstanceOf(DecryptionException.class);
  }

  @Test
  void baseline() throws Exception {
    assertDecrypts(object(AEAD, IV, NONCE, BYTES));
    assertDecrypts(object(BYTES, NONCE, IV, AEAD)); // order does not matter
  }

  @Test
  void memberNamesMatchCaseInsensitively() throws Exception {
    assertDecrypts(
        object(
            "\"AEAD\":\"AES-256-GCM-HMAC-SHA-256\"",
            "\"Iv\":\"gIGCg4SFhoeIiYqLjI2Ojw==\"",
            "\"NONCE\":\"kJGSk5SVlpeYmZqb\"",
            "\"bYtEs\":\"qcf1Bz30yIC53JqHKAL3WS5aeBd8CK3MurZW\""));
  }

  @Test
  void memberNamesFoldLikeGo() throws Exception {
    // U+017F LATIN SMALL LETTER LONG S folds to 'S'; U+0130 and U+0131 (dotted/dotless i) to 'I'.
    assertDecrypts(
        object(
            AEAD,
            "\"\u0130v\":\"gIGCg4SFhoeIiYqLjI2Ojw==\"",
            NONCE,
            "\"byte\u017f\":\"qcf1Bz30yIC53JqHKAL3WS5aeBd8CK3MurZW\""));
    assertDecrypts(object(AEAD, "\"\u0131V\":\"gIGCg4SFhoeIiYqLjI2Ojw==\"", NONCE, BYTES));
    assertThat(LegacyJsonEnvelope.foldName("a\u212Ab\u017fc")).isEqualTo("AKBSC");
    // Other look-alikes do not match.
    assertRejected(object(AEAD, "\"\u00edv\":\"gIGCg4SFhoeIiYqLjI2Ojw==\"", NONCE, BYTES));
  }

  @Test
  void escapesAreDecodedInNamesAndValues() throws Exception {
    assertDecrypts(
        object(
            "\"\\u0061ead\":\"AES-256-GCM-HMAC-\\u0053HA-256\"",
            "\"i\\u0076\":\"gIGCg4SFhoeIiYqLjI2Ojw\\u003d\\u003D\"",
            NONCE,
            BYTES));
  }

  @Test
  void crAndLfInsideBase64AreIgnored() throws Exception {
    assertDecrypts(
        object(
            AEAD,
            "\"iv\":\"gIGCg4SF\\r\\nhoeIiYqLjI2Ojw==\\n\"",
            "\"nonce\":\"\\nkJGSk5SVlpeYmZqb\"",
            "\"bytes\":\"qcf1Bz30yIC5\\r3JqHKAL3WS5aeBd8CK3MurZW\""));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"iv\":\"gIGCg4SFhoeIiYqLjI2Ojw\"", // padding missing
        "\"iv\":\"gIGCg4SFhoeIiYqLjI2Ojw==\\t\"", // tab is not ignored
        "\"iv\":\"gIGCg4SFhoeIiYqLjI2Ojw== \"", // nor is a space
        "\"iv\":\"gIGCg4SFhoeIiYqLjI2Oj_==\"", // URL alphabet
        "\"iv\":\"gIGCg4SFhoeIiYqLjI2Ojw==gIGC\"", // data after padding
      })
  void invalidBase64IsRejected(String iv) {
    assertRejected(object(AEAD, iv, NONCE, BYTES));
  }

  @Test
  void unknownMembersOfAnyTypeAreIgnored() throws Exception {
    assertDecrypts(
        object(
            "\"id\":\"630dcd2966c4336691125448bbb25b4f\"",
            "\"x\":1",
            "\"y\":-0.5e+10",
            "\"z\":[true,false,null,{\"a\":[]},\"s\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"]",
            "\"\":{}",
            "\"aeadx\":\"no\"",
            AEAD,
            IV,
            NONCE,
            BYTES,
            "\"w\":{\"nested\":{\"deeper\":[1,2,[3,[4]]]}}"));
  }

  @Test
  void whitespaceIsAllowedBetweenTokensAndAtTheEnd() throws Exception {
    assertDecrypts(
        "{ \t\r\n" + AEAD.replace(":", " :\n ") + " ,\n" + IV + "\t,\r" + NONCE + " , " + BYTES
            + "\n} \n\t\r");
  }

  @Test
  void duplicatesLastWins() throws Exception {
    String wrongIv = "\"iv\":\"AAAAAAAAAAAAAAAAAAAAAA==\"";
    assertDecrypts(object(AEAD, wrongIv, NONCE, BYTES, IV));
    byte[] lastWrong = utf8(object(AEAD, IV, NONCE, BYTES, wrongIv));
    assertThat(LegacyJsonEnvelope.parse(lastWrong)).hasValueSatisfying(
        b -> assertThat(b).isNotEqualTo(N1));
    assertThatThrownBy(() -> aes(KA).decrypt(lastWrong, null))
        .isInstanceOf(DecryptionException.class);
    assertDecrypts(object("\"aead\":\"AES-256-GCM\"", AEAD, IV, NONCE, BYTES));
    assertRejected(object(AEAD, IV, NONCE, BYTES, "\"aead\":\"AES-256-GCM\""));
  }

  @Test
  void nullLeavesAStringAloneButClearsBytes() throws Exception {
    assertDecrypts(object(AEAD, "\"aead\":null", "\"id\":null", IV, NONCE, BYTES));
    assertRejected(object("\"aead\":null", IV, NONCE, BYTES));
    assertRejected(object(AEAD, IV, "\"iv\":null", NONCE, BYTES));
    assertRejected(object(AEAD, IV, NONCE, "\"nonce\":null"));
    // bytes null: the envelope parses (28 bytes) but cannot decrypt.
    String noBytes = object(AEAD, IV, NONCE, BYTES, "\"bytes\":null");
    assertThat(LegacyJsonEnvelope.parse(utf8(noBytes)))
        .hasValueSatisfying(b -> assertThat(b).hasSize(28));
    assertThatThrownBy(() -> aes(KA).decrypt(utf8(noBytes), null))
        .isInstanceOf(DecryptionException.class);
  }

  @Test
  void missingMembersAreZeroValues() {
    assertRejected(object(IV, NONCE, BYTES));
    assertRejected(object(AEAD, NONCE, BYTES));
    assertRejected(object(AEAD, IV, BYTES));
    assertRejected("{}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"aead\":\"aes-256-gcm-hmac-sha-256\"", // values are exact
        "\"aead\":\"chacha20poly1305\"",
        "\"aead\":\"AES256\"", // a msgpack-era name
        "\"aead\":1",
        "\"aead\":true",
        "\"aead\":[]",
        "\"aead\":{}",
        "\"id\":1",
        "\"id\":false",
        "\"id\":[\"a\"]",
        "\"iv\":1",
        "\"iv\":true",
        "\"iv\":{}",
      })
  void wrongValuesAndTypesAreRejected(String member) {
    assertRejected(object(AEAD, IV, NONCE, BYTES, member));
  }

  @Test
  void byteSlicesAlsoAcceptArraysOfSmallIntegersLikeGo() throws Exception {
    String iv =
        "\"iv\":[128,129,130,131,132,133,134,135,136,137,138,139,140,141,142,143]";
    assertDecrypts(object(AEAD, iv, NONCE, BYTES));
    assertDecrypts(object(AEAD, iv.replace(",", " , ").replace("[", "[ "), NONCE, BYTES));
    // null elements stay zero; [] is an empty slice.
    assertThat(LegacyJsonEnvelope.parse(utf8(object(AEAD, "\"iv\":[null" + ",0".repeat(15) + "]",
        NONCE, "\"bytes\":[]"))))
        .hasValue(concat(new byte[16], b64("kJGSk5SVlpeYmZqb")));
    for (String bad : new String[] {"256", "-1", "-0", "1.0", "1e2", "\"1\"", "[1]", "true"}) {
      assertRejected(object(AEAD, "\"iv\":[" + bad + ",1,2,3,4,5,6,7,8,9,10,11,12,13,14,15]",
          NONCE, BYTES));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"aead\":\"AES-256-GCM-HMAC-SHA-256\" \"iv\":1}", // missing comma
        "{\"aead\":\"AES-256-GCM-HMAC-SHA-256\",}", // trailing comma
        "{,\"aead\":\"AES-256-GCM-HMAC-SHA-256\"}",
        "{aead:\"AES-256-GCM-HMAC-SHA-256\"}", // unquoted name
        "{'aead':'AES-256-GCM-HMAC-SHA-256'}", // single quotes
        "{\"x\":01}", // leading zero
        "{\"x\":+1}",
        "{\"x\":.5}",
        "{\"x\":1.}",
        "{\"x\":1e}",
        "{\"x\":-}",
        "{\"x\":NaN}",
        "{\"x\":nul}",
        "{\"x\":True}",
        "{\"x\":\"\\x41\"}", // invalid escape
        "{\"x\":\"\\u12G4\"}",
        "{\"x\":\"unterminated}",
        "{\"x\":[1,2}",
        "{\"x\":{\"a\"}}",
        "{\"x\":{\"a\":1,}}",
        "{\"x\":1 /* comment */}",
        "{\"x\":1}{}", // a second value
        "{\"x\":1} x", // trailing garbage
        "{\"x\":1",
        "{",
        "{\"x\" 1}",
      })
  void invalidJsonIsRejected(String json) {
    assertRejected(json);
    assertRejected(json.replace("{", "{" + AEAD + "," + IV + "," + NONCE + "," + BYTES + ","));
  }

  @Test
  void rawControlCharactersInStringsAreRejected() {
    assertRejected(object(AEAD, IV, NONCE, BYTES, "\"x\":\"a\tb\""));
    assertRejected(object(AEAD, IV, NONCE, BYTES, "\"x\":\"a\nb\""));
    assertRejected(object(AEAD, "\"iv\":\"gIGCg4SFhoeI\r\niYqLjI2Ojw==\"", NONCE, BYTES));
  }

  @Test
  void invalidUtf8InStringsIsToleratedLikeGo() throws Exception {
    var out = new ByteArrayOutputStream();
    out.writeBytes(utf8("{" + AEAD + ",\"id\":\"\u00e9"));
    out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xc3, '"', ',', '"', (byte) 0xfe, '"', ':'});
    out.writeBytes(utf8("1," + IV + "," + NONCE + "," + BYTES + "}"));
    assertDecrypts(out.toByteArray());
  }

  @Test
  void surrogateEscapesAreHandled() throws Exception {
    assertDecrypts(object(AEAD, IV, NONCE, BYTES, "\"x\":\"\\ud83d\\ude00 \\ud800 \\udc00x\""));
  }

  @Test
  void nestingUpToGosLimitIsAccepted() throws Exception {
    // The top-level object is level 1, so an unknown member may open 9 999 more.
    int inner = LegacyJsonEnvelope.MAX_DEPTH - 1;
    assertDecrypts(object(AEAD, IV, NONCE, BYTES, "\"x\":" + "[".repeat(inner) + "]".repeat(inner)));
    assertDecrypts(object(AEAD, IV, NONCE, BYTES,
        "\"x\":" + "{\"a\":".repeat(inner - 1) + "{}" + "}".repeat(inner - 1)));
    assertRejected(object(AEAD, IV, NONCE, BYTES,
        "\"x\":" + "[".repeat(inner + 1) + "]".repeat(inner + 1)));
    assertRejected(object(AEAD, IV, NONCE, BYTES, "\"x\":" + "[".repeat(1_000_000)));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = new byte[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
