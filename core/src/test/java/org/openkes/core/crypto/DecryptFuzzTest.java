package org.openkes.core.crypto;

import static org.assertj.core.api.Assertions.fail;
import static org.openkes.core.crypto.TestData.b64;
import static org.openkes.core.crypto.TestData.utf8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Decrypt is total: whatever the bytes, it returns a plaintext or throws {@link
 * DecryptionException}, nothing else, and it terminates. The timeout is only a hang guard, far
 * above the real run time; no test here measures speed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DecryptFuzzTest {
  private static final int ROUNDS = 5_000;

  private static final SecretKey[] KEYS = {
    TestData.aes(TestData.KA),
    TestData.chacha(TestData.KA),
    TestData.aes(TestData.KB),
    TestData.chacha(TestData.KB),
  };

  /** Valid ciphertexts in all three formats (under the keys above) to mutate. */
  private static final List<byte[]> SEEDS = seeds();

  private static List<byte[]> seeds() {
    var seeds = new ArrayList<byte[]>();
    SecretKeyVectorsTest.currentVectors().forEach(v -> seeds.add(b64(v.ciphertext())));
    SecretKeyVectorsTest.msgpackVectors().forEach(a -> seeds.add(b64((String) a.get()[2])));
    SecretKeyVectorsTest.jsonVectors().forEach(a -> seeds.add(utf8((String) a.get()[2])));
    return List.copyOf(seeds);
  }

  /** Decrypts under every key with a few contexts; anything but success or DecryptionException fails. */
  private static void assertTotal(byte[] input, Random rnd) {
    byte[][] contexts = {null, TestData.C2, randomBytes(rnd, rnd.nextInt(16))};
    for (SecretKey key : KEYS) {
      for (byte[] context : contexts) {
        try {
          key.decrypt(input, context);
        } catch (DecryptionException expected) {
          // the only allowed failure
        } catch (Throwable t) {
          fail("decrypt threw " + t + " for " + HexFormat.of().formatHex(input), t);
        }
      }
    }
    // The parsers are fuzzed without the safety net in normalize().
    try {
      LegacyEnvelope.parseMsgpack(input);
      LegacyJsonEnvelope.parse(input);
    } catch (Throwable t) {
      fail("parser threw " + t + " for " + HexFormat.of().formatHex(input), t);
    }
  }

  private static byte[] randomBytes(Random rnd, int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  @Test
  void randomBytes() {
    var rnd = new Random(1);
    for (int i = 0; i < ROUNDS; i++) {
      assertTotal(randomBytes(rnd, rnd.nextInt(i % 10 == 0 ? 2_000 : 120)), rnd);
    }
  }

  @Test
  void randomBytesBehindEachMarker() {
    var rnd = new Random(2);
    for (int i = 0; i < ROUNDS; i++) {
      byte[] b = randomBytes(rnd, 1 + rnd.nextInt(120));
      b[0] = (i & 1) == 0 ? (byte) 0x95 : (byte) '{';
      assertTotal(b, rnd);
    }
  }

  /** MessagePack-shaped input: plausible headers with random types and lengths. */
  @Test
  void msgpackShapedInput() {
    var rnd = new Random(3);
    int[] leads = {0xa0, 0xa6, 0xb1, 0xb2, 0xbf, 0xd9, 0xda, 0xdb, 0xc4, 0xc5, 0xc6, 0xc0, 0x95};
    for (int i = 0; i < ROUNDS; i++) {
      var out = new java.io.ByteArrayOutputStream();
      out.write(0x95);
      int items = rnd.nextInt(7);
      for (int k = 0; k < items; k++) {
        int lead = leads[rnd.nextInt(leads.length)];
        out.write(lead);
        int width = switch (lead) {
          case 0xd9, 0xc4 -> 1;
          case 0xda, 0xc5 -> 2;
          case 0xdb, 0xc6 -> 4;
          default -> 0;
        };
        int len = lead >= 0xa0 && lead <= 0xbf ? lead & 0x1f : rnd.nextInt(40);
        if (rnd.nextInt(10) == 0) {
          len = rnd.nextInt(); // often far beyond the input
        }
        for (int w = width - 1; w >= 0; w--) {
          out.write(len >>> (8 * w));
        }
        out.writeBytes(randomBytes(rnd, rnd.nextInt(40)));
      }
      assertTotal(out.toByteArray(), rnd);
    }
  }

  /** JSON-shaped input: a soup of JSON tokens, names and base64. */
  @Test
  void jsonShapedInput() {
    var rnd = new Random(4);
    String[] tokens = {
      "{", "}", "[", "]", ":", ",", "\"", " ", "\n", "\\", "\\u", "\\ud800", "00", "1", "-", ".",
      "e", "null", "true", "false", "\"aead\"", "\"iv\"", "\"nonce\"", "\"bytes\"", "\"id\"",
      "\"AES-256-GCM-HMAC-SHA-256\"", "\"ChaCha20Poly1305\"", "\"gIGCg4SFhoeIiYqLjI2Ojw==\"",
      "\"kJGSk5SVlpeYmZqb\"", "\"qcf1Bz30yIC53JqHKAL3WS5aeBd8CK3MurZW\"", "[1,2,3]", "\u00e9",
      "\u017f", "\r",
    };
    for (int i = 0; i < ROUNDS; i++) {
      var sb = new StringBuilder("{");
      int n = rnd.nextInt(30);
      for (int k = 0; k < n; k++) {
        sb.append(tokens[rnd.nextInt(tokens.length)]);
      }
      if (rnd.nextBoolean()) {
        sb.append('}');
      }
      assertTotal(utf8(sb.toString()), rnd);
    }
  }

  /** Valid ciphertexts of every format with a few random edits: flips, inserts, deletes, cuts. */
  @Test
  void mutatedValidCiphertexts() {
    var rnd = new Random(5);
    for (int i = 0; i < ROUNDS; i++) {
      byte[] b = SEEDS.get(rnd.nextInt(SEEDS.size())).clone();
      int edits = 1 + rnd.nextInt(3);
      for (int e = 0; e < edits && b.length > 0; e++) {
        int at = rnd.nextInt(b.length);
        b =
            switch (rnd.nextInt(5)) {
              case 0 -> {
                b[at] ^= (byte) (1 << rnd.nextInt(8));
                yield b;
              }
              case 1 -> {
                b[at] = (byte) rnd.nextInt(256);
                yield b;
              }
              case 2 -> { // insert a byte
                byte[] c = new byte[b.length + 1];
                System.arraycopy(b, 0, c, 0, at);
                c[at] = (byte) rnd.nextInt(256);
                System.arraycopy(b, at, c, at + 1, b.length - at);
                yield c;
              }
              case 3 -> { // delete a byte
                byte[] c = new byte[b.length - 1];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                yield c;
              }
              default -> Arrays.copyOf(b, at); // truncate
            };
      }
      assertTotal(b, rnd);
    }
  }

  @Test
  void pathologicalInputs() {
    var rnd = new Random(6);
    List<byte[]> inputs =
        List.of(
            new byte[0],
            new byte[] {(byte) 0x95},
            new byte[] {'{'},
            utf8("{\"x\":" + "[".repeat(200_000)),
            utf8("{\"x\":" + "{\"a\":".repeat(200_000)),
            utf8("{\"x\":\"" + "\\".repeat(100_001)),
            utf8("{\"x\":" + "1".repeat(100_000) + "}"),
            utf8("{" + "\"a\":1,".repeat(50_000) + "\"b\":2}"),
            utf8("{\"iv\":[" + "255,".repeat(100_000) + "1]}"),
            new byte[] {(byte) 0x95, (byte) 0xdb, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff});
    for (byte[] input : inputs) {
      assertTotal(input, rnd);
    }
  }
}
