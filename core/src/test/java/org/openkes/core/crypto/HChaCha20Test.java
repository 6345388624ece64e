package org.openkes.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openkes.core.crypto.TestData.hex;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HChaCha20Test {
  @Test
  void draftXChaChaVector() {
    // draft-irtf-cfrg-xchacha-03 §2.2.1
    byte[] out =
        HChaCha20.hChaCha20(
            hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"),
            hex("000000090000004a0000000031415927"));
    assertThat(hex(out))
        .isEqualTo("82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc");
  }

  /**
   * The JCE's ChaCha20 block with counter c and nonce n starts from the state HChaCha20 starts
   * from when its input is c ‖ n, and adds that state back at the end. So for words 0–3 and 12–15
   * keystream − initial state = HChaCha20, an independent check on random inputs.
   */
  @Test
  void agreesWithJceChaCha20Block() throws Exception {
    var rnd = new Random(20240229);
    for (int i = 0; i < 200; i++) {
      byte[] key = new byte[32];
      byte[] nonce = new byte[12];
      rnd.nextBytes(key);
      rnd.nextBytes(nonce);
      int counter = rnd.nextInt(Integer.MAX_VALUE);

      Cipher c = Cipher.getInstance("ChaCha20");
      c.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key, "ChaCha20"),
          new ChaCha20ParameterSpec(nonce, counter));
      int[] keystream = words(c.doFinal(new byte[64]));

      byte[] input = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(counter)
          .put(nonce).array();
      int[] initial = new int[16];
      initial[0] = 0x61707865;
      initial[1] = 0x3320646e;
      initial[2] = 0x79622d32;
      initial[3] = 0x6b206574;
      System.arraycopy(words(key), 0, initial, 4, 8);
      System.arraycopy(words(input), 0, initial, 12, 4);

      int[] expected = new int[8];
      for (int w = 0; w < 4; w++) {
        expected[w] = keystream[w] - initial[w];
        expected[4 + w] = keystream[12 + w] - initial[12 + w];
      }
      assertThat(words(HChaCha20.hChaCha20(key, input))).containsExactly(expected);
    }
  }

  @Test
  void rejectsWrongSizes() {
    assertThatThrownBy(() -> HChaCha20.hChaCha20(new byte[31], new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HChaCha20.hChaCha20(new byte[32], new byte[24]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int[] words(byte[] b) {
    var buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
    int[] w = new int[buf.remaining()];
    buf.get(w);
    return w;
  }
}
