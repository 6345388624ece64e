package org.openkes.core.crypto;

import java.util.Arrays;

/**
 * HChaCha20 (draft-irtf-cfrg-xchacha §2.2): derives a 32-byte subkey from a 32-byte key and a
 * 16-byte input. The JCE has ChaCha20 but not this function, and KES's ChaCha20 key type needs
 * it to turn the master key and the per-message IV into the message key.
 */
final class HChaCha20 {
  static final int KEY_SIZE = 32;
  static final int INPUT_SIZE = 16;
  static final int OUTPUT_SIZE = 32;

  private HChaCha20() {}

  /**
   * Returns HChaCha20(key, input).
   *
   * @throws IllegalArgumentException if the key is not 32 or the input not 16 bytes long
   */
  static byte[] hChaCha20(byte[] key, byte[] input) {
    if (key.length != KEY_SIZE || input.length != INPUT_SIZE) {
      throw new IllegalArgumentException("crypto: invalid HChaCha20 key or input length");
    }
    int[] s = new int[16];
    s[0] = 0x61707865; // "expand 32-byte k"
    s[1] = 0x3320646e;
    s[2] = 0x79622d32;
    s[3] = 0x6b206574;
    for (int i = 0; i < 8; i++) {
      s[4 + i] = le32(key, 4 * i);
    }
    for (int i = 0; i < 4; i++) {
      s[12 + i] = le32(input, 4 * i);
    }
    for (int i = 0; i < 10; i++) { // 20 rounds, as column + diagonal double rounds
      quarterRound(s, 0, 4, 8, 12);
      quarterRound(s, 1, 5, 9, 13);
      quarterRound(s, 2, 6, 10, 14);
      quarterRound(s, 3, 7, 11, 15);
      quarterRound(s, 0, 5, 10, 15);
      quarterRound(s, 1, 6, 11, 12);
      quarterRound(s, 2, 7, 8, 13);
      quarterRound(s, 3, 4, 9, 14);
    }
    // Unlike the ChaCha20 block function there is no feed-forward addition of the input state:
    // the output is the first and last row of the permuted state.
    byte[] out = new byte[OUTPUT_SIZE];
    for (int i = 0; i < 4; i++) {
      putLe32(out, 4 * i, s[i]);
      putLe32(out, 16 + 4 * i, s[12 + i]);
    }
    Arrays.fill(s, 0); // the state holds the key
    return out;
  }

  private static void quarterRound(int[] s, int a, int b, int c, int d) {
    s[a] += s[b];
    s[d] = Integer.rotateLeft(s[d] ^ s[a], 16);
    s[c] += s[d];
    s[b] = Integer.rotateLeft(s[b] ^ s[c], 12);
    s[a] += s[b];
    s[d] = Integer.rotateLeft(s[d] ^ s[a], 8);
    s[c] += s[d];
    s[b] = Integer.rotateLeft(s[b] ^ s[c], 7);
  }

  private static int le32(byte[] b, int off) {
    return (b[off] & 0xff)
        | (b[off + 1] & 0xff) << 8
        | (b[off + 2] & 0xff) << 16
        | (b[off + 3] & 0xff) << 24;
  }

  private static void putLe32(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }
}
