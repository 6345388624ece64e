package org.openkes.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openkes.core.codec.GoBase64;

/** The package-private ports of Go's base64 and PEM code. */
class GoCompatTest {

  // --- base64 -------------------------------------------------------------------------------

  /** Offsets traced through Go's decodeQuantum. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "A|0", // unfinished quantum at the end: si - j
        "AAA|0",
        "AAAAA|4",
        "AA=|3", // "==" expected, input ends
        "AA=A|2",
        "A===|1",
        "=AAA|0",
        "AAAA=|4",
        "AA==A|4", // trailing garbage after padding
        "AAA=AAAA|4",
        "AA-A|2",
      })
  void corruptInputOffsetsAreGos(String input, long offset) {
    assertThat(GoStdBase64.decode(input.getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(new GoStdBase64.Corrupt(offset));
  }

  @Test
  void newlinesAreIgnoredEverywhere() {
    var r = GoStdBase64.decode("\r\nAA\n\r==\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(r).isInstanceOfSatisfying(
        GoStdBase64.Decoded.class, d -> assertThat(d.bytes()).containsExactly(0));
    var trailing = GoStdBase64.decode("AAA=\nA".getBytes(StandardCharsets.US_ASCII));
    assertThat(trailing).isEqualTo(new GoStdBase64.Corrupt(5));
  }

  @Test
  void agreesWithTheCodecPackageOnRandomInput() {
    Random rnd = new Random(1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int len = rnd.nextInt(14);
      for (int k = 0; k < len; k++) {
        int p = rnd.nextInt(100);
        sb.append(p < 80 ? alphabet.charAt(rnd.nextInt(64)) : p < 92 ? '=' : p < 96 ? '\n' : p < 98 ? '\r' : '-');
      }
      String s = sb.toString();
      Optional<byte[]> expected = GoBase64.decode(s);
      var actual = GoStdBase64.decode(s.getBytes(StandardCharsets.US_ASCII));
      if (expected.isPresent()) {
        assertThat(actual).as("input %s", s.replace("\n", "\\n").replace("\r", "\\r"))
            .isInstanceOfSatisfying(
                GoStdBase64.Decoded.class, d -> assertThat(d.bytes()).isEqualTo(expected.get()));
      } else {
        assertThat(actual).as("input %s", s.replace("\n", "\\n").replace("\r", "\\r"))
            .isInstanceOf(GoStdBase64.Corrupt.class);
      }
    }
  }

  // --- PEM ----------------------------------------------------------------------------------

  @Test
  void decodeSkipsNoiseAndFalseStartsLikeGo() {
    byte[] cert = new byte[100];
    byte[] key = new byte[48];
    new Random(2).nextBytes(cert);
    new Random(3).nextBytes(key);
    String certB64 = Base64.getMimeEncoder(64, "  \t\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert);
    String keyB64 = Base64.getMimeEncoder(64, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key);
    String text =
        "verify return:0\n"
            + "-----BEGIN CERTIFICATE-----\nnot base64\n"
            + "  -----BEGIN CERTIFICATE-----\nnoise\n"
            + "-----BEGIN CERTIFICATE----- \n" + certB64 + "\n-----END CERTIFICATE-----   \n"
            + "trailing text\n\n"
            + "-----BEGIN RSA PRIVATE KEY-----   \t\n"
            + "Proc-Type: 4,ENCRYPTED\t  \n"
            + "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF  \t\n"
            + "  \t\n" + keyB64 + "\n-----END RSA PRIVATE KEY-----\n\n"
            + "-----BEGIN EMPTY-----\n-----END EMPTY-----\n\n"
            + "-----BEGIN EMPTY-----\n\n-----END EMPTY-----\n\n"
            + "# no blank line after the headers: not a block\n"
            + "-----BEGIN HEADERS-----\nHeader: 1\n-----END HEADERS-----\n\n"
            + "-----BEGIN HEADERS-----\nHeader: 1\n\n-----END HEADERS-----";

    GoPem.Decoded d = GoPem.decode(text.getBytes(StandardCharsets.UTF_8));
    assertThat(d.block().type()).isEqualTo("CERTIFICATE");
    assertThat(d.block().headers()).isEmpty();
    assertThat(d.block().bytes()).isEqualTo(cert);

    d = GoPem.decode(d.rest());
    assertThat(d.block().type()).isEqualTo("RSA PRIVATE KEY");
    assertThat(d.block().headers())
        .containsExactly(
            Map.entry("Proc-Type", "4,ENCRYPTED"),
            Map.entry("DEK-Info", "AES-128-CBC,00112233445566778899AABBCCDDEEFF"));
    assertThat(d.block().bytes()).isEqualTo(key);

    for (int i = 0; i < 2; i++) {
      d = GoPem.decode(d.rest());
      assertThat(d.block().type()).isEqualTo("EMPTY");
      assertThat(d.block().bytes()).isEmpty();
    }

    d = GoPem.decode(d.rest());
    assertThat(d.block().type()).isEqualTo("HEADERS");
    assertThat(d.block().headers()).containsExactly(Map.entry("Header", "1"));
    assertThat(d.rest()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "too few dashes|\\n-----BEGIN FOO-----\\ndGVzdA==\\n-----END FOO----",
        "too many dashes|\\n-----BEGIN FOO-----\\ndGVzdA==\\n-----END FOO------",
        "text after END|\\n-----BEGIN FOO-----\\ndGVzdA==\\n-----END FOO----- .",
        "wrong END type|\\n-----BEGIN FOO-----\\ndGVzdA==\\n-----END BAR-----",
        "no space after END|\\n-----BEGIN FOO-----\\ndGVzdA==\\n-----ENDBAR-----",
        "no END|-----BEGIN FOO-----\\ndGVzdA==\\n",
        "headers to the end|-----BEGIN FOO-----\\nA: b\\n",
      })
  void badBlocksAreNotBlocks(String name, String text) {
    byte[] in = text.replace("\\n", "\n").getBytes(StandardCharsets.US_ASCII);
    GoPem.Decoded d = GoPem.decode(in);
    assertThat(d.block()).as(name).isNull();
    assertThat(d.rest()).isEqualTo(in);
  }

  @Test
  void encodeIsGosFormatAndRoundTrips() {
    byte[] data = new byte[100];
    new Random(4).nextBytes(data);
    String pem =
        GoPem.encode("X", Map.of("DEK-Info", "AES-256-CBC,00", "Proc-Type", "4,ENCRYPTED", "A", "b"), data);

    assertThat(pem)
        .startsWith("-----BEGIN X-----\nProc-Type: 4,ENCRYPTED\nA: b\nDEK-Info: AES-256-CBC,00\n\n");
    assertThat(GoPem.encode("EMPTY", Map.of(), new byte[0]))
        .isEqualTo("-----BEGIN EMPTY-----\n-----END EMPTY-----\n");
    GoPem.Decoded d = GoPem.decode(pem.getBytes(StandardCharsets.US_ASCII));
    assertThat(d.block().bytes()).isEqualTo(data);
    assertThat(d.block().headers()).hasSize(3);
    assertThat(d.rest()).isEmpty();
  }

  @Test
  void trimSpaceKnowsUnicodeSpacesLikeGo() {
    byte[] in = "\u00a0\u3000 x y\u2009\u0085\t".getBytes(StandardCharsets.UTF_8);
    assertThat(new String(GoPem.trimSpace(in), StandardCharsets.UTF_8)).isEqualTo("x y");
    assertThat(GoPem.trimSpace(new byte[] {(byte) 0xC2})).containsExactly((byte) 0xC2);
  }
}
