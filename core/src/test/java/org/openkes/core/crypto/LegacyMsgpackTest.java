package org.openkes.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openkes.core.crypto.TestData.KA;
import static org.openkes.core.crypto.TestData.P1;
import static org.openkes.core.crypto.TestData.aes;
import static org.openkes.core.crypto.TestData.b64;
import static org.openkes.core.crypto.TestData.chacha;
import static org.openkes.core.crypto.TestData.utf8;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The MessagePack envelope of KES v0.20 – v0.23 (kes-compat §6.4), beyond vectors M1–M4. */
class LegacyMsgpackTest {
  // N1's parts: KA, AES256, plaintext P1, no context.
  private static final byte[] N1 = b64(SecretKeyVectorsTest.N1.ciphertext());
  private static final byte[] SEALED = Arrays.copyOf(N1, N1.length - 28);
  private static final byte[] IV = Arrays.copyOfRange(N1, N1.length - 28, N1.length - 12);
  private static final byte[] NONCE = Arrays.copyOfRange(N1, N1.length - 12, N1.length);

  /** Header widths: 0 = smallest (fix/8-bit), 1 = 8-bit, 2 = 16-bit, 4 = 32-bit. */
  static byte[] str(byte[] s, int width) {
    var out = new ByteArrayOutputStream();
    if (width == 0 && s.length < 32) {
      out.write(0xa0 | s.length);
    } else {
      header(out, width == 0 ? 1 : width, 0xd9, 0xda, 0xdb, s.length);
    }
    out.writeBytes(s);
    return out.toByteArray();
  }

  static byte[] bin(byte[] b, int width) {
    var out = new ByteArrayOutputStream();
    header(out, width == 0 ? 1 : width, 0xc4, 0xc5, 0xc6, b.length);
    out.writeBytes(b);
    return out.toByteArray();
  }

  private static void header(ByteArrayOutputStream out, int width, int l8, int l16, int l32, long n) {
    switch (width) {
      case 1 -> out.write(l8);
      case 2 -> out.write(l16);
      case 4 -> out.write(l32);
      default -> throw new IllegalArgumentException();
    }
    for (int i = width - 1; i >= 0; i--) {
      out.write((int) (n >>> (8 * i)));
    }
  }

  static byte[] envelope(byte[]... items) {
    var out = new ByteArrayOutputStream();
    out.write(0x95);
    for (byte[] item : items) {
      out.writeBytes(item);
    }
    return out.toByteArray();
  }

  private static byte[] n1Envelope(String algorithm) {
    return envelope(
        str(utf8(algorithm), 0), str(utf8(""), 0), bin(IV, 0), bin(NONCE, 0), bin(SEALED, 0));
  }

  private static void assertNotAnEnvelope(byte[] b) {
    assertThat(LegacyEnvelope.parseMsgpack(b)).isEmpty();
    assertThat(LegacyEnvelope.normalize(b)).isSameAs(b);
  }

  @ParameterizedTest
  @ValueSource(strings = {"AES256-GCM_SHA256", "XCHACHA20-POLY1305", "AES256", "ChaCha20"})
  void anyOfTheFourNamesIsAcceptedButNotUsed(String algorithm) throws Exception {
    byte[] env = n1Envelope(algorithm);
    assertThat(LegacyEnvelope.parseMsgpack(env)).hasValue(N1);
    // The stored key's type decides: N1 is AES256 whatever the envelope says.
    assertThat(aes(KA).decrypt(env, null)).isEqualTo(P1);
    assertThatThrownBy(() -> chacha(KA).decrypt(env, null))
        .isInstanceOf(DecryptionException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "AES256-GCM", "aes256", "CHACHA20", "AES256 ", "AES-256-GCM-HMAC-SHA-256"})
  void otherNamesAreNotAnEnvelope(String algorithm) {
    byte[] env = n1Envelope(algorithm);
    assertNotAnEnvelope(env);
    assertThatThrownBy(() -> aes(KA).decrypt(env, null)).isInstanceOf(DecryptionException.class);
  }

  @Test
  void everyStringAndBinaryHeaderWidthIsAccepted() throws Exception {
    for (int w : new int[] {0, 1, 2, 4}) {
      byte[] env =
          envelope(
              str(utf8("AES256"), w),
              str(utf8("630dcd2966c4336691125448bbb25b4f"), w),
              bin(IV, w),
              bin(NONCE, w),
              bin(SEALED, w));
      assertThat(LegacyEnvelope.parseMsgpack(env)).as("width %d", w).hasValue(N1);
      assertThat(aes(KA).decrypt(env, null)).isEqualTo(P1);
    }
  }

  @Test
  void theKeyIdIsNotChecked() throws Exception {
    byte[] id = {(byte) 0xff, (byte) 0xfe, 0, 'x'}; // not hex, not even UTF-8
    byte[] env = envelope(str(utf8("AES256"), 0), str(id, 0), bin(IV, 0), bin(NONCE, 0),
        bin(SEALED, 0));
    assertThat(aes(KA).decrypt(env, null)).isEqualTo(P1);
  }

  @Test
  void largeSealedPartsUseWiderHeaders() throws Exception {
    SecretKey key = aes(KA);
    for (int size : new int[] {300, 70_000}) {
      byte[] plaintext = new byte[size];
      new Random(size).nextBytes(plaintext);
      byte[] ct = key.encrypt(plaintext, utf8("ctx"));
      byte[] sealed = Arrays.copyOf(ct, ct.length - 28);
      byte[] iv = Arrays.copyOfRange(ct, ct.length - 28, ct.length - 12);
      byte[] nonce = Arrays.copyOfRange(ct, ct.length - 12, ct.length);
      byte[] env = envelope(str(utf8("AES256-GCM_SHA256"), 0), str(new byte[0], 0), bin(iv, 0),
          bin(nonce, 0), bin(sealed, size < 65_000 ? 2 : 4));
      assertThat(key.decrypt(env, utf8("ctx"))).isEqualTo(plaintext);
    }
  }

  @Test
  void wrongSizesTypesAndTrailingBytesAreNotAnEnvelope() {
    byte[] alg = str(utf8("AES256"), 0);
    byte[] id = str(new byte[0], 0);
    assertNotAnEnvelope(envelope(alg, id, bin(Arrays.copyOf(IV, 15), 0), bin(NONCE, 0),
        bin(SEALED, 0)));
    assertNotAnEnvelope(envelope(alg, id, bin(Arrays.copyOf(IV, 17), 0), bin(NONCE, 0),
        bin(SEALED, 0)));
    assertNotAnEnvelope(envelope(alg, id, bin(IV, 0), bin(Arrays.copyOf(NONCE, 11), 0),
        bin(SEALED, 0)));
    assertNotAnEnvelope(envelope(alg, id, bin(IV, 0), bin(Arrays.copyOf(NONCE, 13), 0),
        bin(SEALED, 0)));
    // Strings where binaries belong and the other way round.
    assertNotAnEnvelope(envelope(bin(utf8("AES256"), 0), id, bin(IV, 0), bin(NONCE, 0),
        bin(SEALED, 0)));
    assertNotAnEnvelope(envelope(alg, id, str(IV, 0), bin(NONCE, 0), bin(SEALED, 0)));
    assertNotAnEnvelope(envelope(alg, id, bin(IV, 0), bin(NONCE, 0), str(SEALED, 0)));
    // nil is neither a string nor a binary.
    assertNotAnEnvelope(envelope(alg, new byte[] {(byte) 0xc0}, bin(IV, 0), bin(NONCE, 0),
        bin(SEALED, 0)));
    // Four elements, six elements, trailing byte.
    byte[] five = n1Envelope("AES256");
    assertNotAnEnvelope(envelope(alg, id, bin(IV, 0), bin(NONCE, 0)));
    assertNotAnEnvelope(envelope(alg, id, bin(IV, 0), bin(NONCE, 0), bin(SEALED, 0),
        bin(SEALED, 0)));
    assertNotAnEnvelope(Arrays.copyOf(five, five.length + 1));
    // Every truncation.
    for (int n = 0; n < five.length; n++) {
      assertNotAnEnvelope(Arrays.copyOf(five, n));
    }
  }

  @Test
  void lengthsBeyondTheInputAreRejectedWithoutAllocating() {
    byte[] huge = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    assertNotAnEnvelope(envelope(new byte[] {(byte) 0xdb}, huge));
    assertNotAnEnvelope(envelope(str(utf8("AES256"), 0), str(new byte[0], 0),
        new byte[] {(byte) 0xc6}, huge));
    assertNotAnEnvelope(envelope(str(utf8("AES256"), 0), str(new byte[0], 0), bin(IV, 0),
        bin(NONCE, 0), new byte[] {(byte) 0xc6, (byte) 0x7f, (byte) 0xff, (byte) 0xff,
            (byte) 0xff}));
  }

  @Test
  void emptySealedPartParsesButDoesNotDecrypt() {
    byte[] env = envelope(str(utf8("AES256"), 0), str(new byte[0], 0), bin(IV, 0),
        bin(NONCE, 0), bin(new byte[0], 0));
    assertThat(LegacyEnvelope.parseMsgpack(env)).hasValueSatisfying(b -> assertThat(b).hasSize(28));
    assertThatThrownBy(() -> aes(KA).decrypt(env, null)).isInstanceOf(DecryptionException.class);
  }
}
