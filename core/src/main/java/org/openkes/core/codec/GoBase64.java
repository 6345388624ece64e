package org.openkes.core.codec;

import java.util.Base64;
import java.util.Optional;

/**
 * Base64 exactly as Go's {@code encoding/base64.StdEncoding} (and so {@code encoding/json} for
 * {@code []byte}) reads it: standard alphabet, padding required, CR and LF anywhere ignored,
 * anything else invalid. Java's decoder alone accepts missing padding and rejects CR/LF, so KES
 * payloads go through here.
 */
public final class GoBase64 {
  private GoBase64() {}

  /** Decodes {@code s}, or returns empty if Go would reject it. */
  public static Optional<byte[]> decode(String s) {
    String t = s;
    if (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
      t = s.replace("\r", "").replace("\n", "");
    }
    if (t.length() % 4 != 0) {
      return Optional.empty(); // padding is required
    }
    try {
      return Optional.of(Base64.getDecoder().decode(t));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Standard base64 with padding. */
  public static String encode(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}
