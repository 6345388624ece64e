package org.openkes.core.identity;

import java.util.Arrays;

/**
 * Go's {@code base64.StdEncoding} decoder, step for step, so that a rejection also yields Go's
 * error text {@code illegal base64 data at input byte N} with the same N. {@link
 * org.openkes.core.codec.GoBase64} answers only "accepted or not"; the API-key parser needs the
 * exact message because the SDK prints it ({@code parsing API key: illegal base64 data at input
 * byte 3}).
 *
 * <p>Input is bytes, as in Go: callers holding a Java string encode it as UTF-8 first, so offsets
 * count UTF-8 bytes like Go's do.
 */
final class GoStdBase64 {
  private static final byte[] DECODE = new byte[256];

  static {
    Arrays.fill(DECODE, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      DECODE[alphabet.charAt(i)] = (byte) i;
    }
  }

  private GoStdBase64() {}

  /** Either the decoded bytes or the offset Go's {@code CorruptInputError} reports. */
  sealed interface Result permits Decoded, Corrupt {}

  record Decoded(byte[] bytes) implements Result {}

  record Corrupt(long offset) implements Result {
    String message() {
      return "illegal base64 data at input byte " + offset;
    }
  }

  static Result decode(byte[] src) {
    byte[] dst = new byte[src.length / 4 * 3 + 3];
    int n = 0;
    int si = 0;
    // Go runs fast paths first, but they only ever succeed on input that decodeQuantum would
    // decode identically, so a quantum-by-quantum loop has the same observable behaviour.
    while (si < src.length) {
      int[] dbuf = new int[4];
      int dlen = 4;
      int j = 0;
      boolean trailingGarbage = false;
      int garbageAt = 0;
      quantum:
      for (; j < 4; j++) {
        if (si == src.length) {
          if (j == 0) {
            return new Decoded(Arrays.copyOf(dst, n));
          }
          // j == 1, or padding is mandatory for StdEncoding: an unfinished quantum is corrupt.
          return new Corrupt(si - j);
        }
        int in = src[si] & 0xff;
        si++;
        int out = DECODE[in];
        if (out != -1) {
          dbuf[j] = out;
          continue;
        }
        if (in == '\n' || in == '\r') {
          j--;
          continue;
        }
        if (in != '=') {
          return new Corrupt(si - 1);
        }
        // Padding: only valid after two or three symbols.
        switch (j) {
          case 0, 1 -> {
            return new Corrupt(si - 1);
          }
          case 2 -> {
            // "==" is expected; the first '=' is consumed. Newlines may sit in between.
            while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
              si++;
            }
            if (si == src.length) {
              return new Corrupt(src.length);
            }
            if (src[si] != '=') {
              return new Corrupt(si - 1);
            }
            si++;
          }
          default -> {}
        }
        while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
          si++;
        }
        if (si < src.length) {
          trailingGarbage = true;
          garbageAt = si;
        }
        dlen = j;
        break quantum;
      }
      int val = dbuf[0] << 18 | dbuf[1] << 12 | dbuf[2] << 6 | dbuf[3];
      byte b0 = (byte) (val >> 16);
      byte b1 = (byte) (val >> 8);
      byte b2 = (byte) val;
      // StdEncoding is not Strict: non-zero trailing bits are dropped, not rejected.
      switch (dlen) {
        case 4 -> {
          dst[n++] = b0;
          dst[n++] = b1;
          dst[n++] = b2;
        }
        case 3 -> {
          dst[n++] = b0;
          dst[n++] = b1;
        }
        case 2 -> dst[n++] = b0;
        default -> {}
      }
      if (trailingGarbage) {
        return new Corrupt(garbageAt);
      }
    }
    return new Decoded(Arrays.copyOf(dst, n));
  }
}
