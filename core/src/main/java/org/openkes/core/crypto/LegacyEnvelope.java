package org.openkes.core.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns the ciphertext formats of older KES releases into the current one ({@code sealed || iv ||
 * nonce}), exactly as KES's {@code parseCiphertext} does (kes-compat §6.3–§6.5):
 *
 * <ul>
 *   <li>first byte {@code 0x95}: a MessagePack fixarray of 5 (KES v0.20 – v0.23, 2024-01);
 *   <li>first byte {@code '{'}: a JSON object (KES ≤ v0.19);
 *   <li>anything else, or an envelope that does not parse: the bytes unchanged.
 * </ul>
 *
 * <p>The fallback is essential, not lenient: about 2 in 256 current-format ciphertexts start with
 * one of the two marker bytes by chance and must still decrypt. The algorithm names inside an
 * envelope are checked (an unknown name means "not an envelope") but never used: the stored key's
 * type alone selects the cipher, as in KES.
 */
final class LegacyEnvelope {
  static final int IV_SIZE = SecretKey.IV_SIZE;
  static final int NONCE_SIZE = Jce.NONCE_SIZE;

  private static final byte MSGPACK_FIXARRAY_5 = (byte) 0x95;
  private static final byte JSON_OBJECT = '{';

  private LegacyEnvelope() {}

  /** The current-format bytes for {@code ciphertext}; {@code ciphertext} itself if not legacy. */
  static byte[] normalize(byte[] ciphertext) {
    if (ciphertext.length == 0) {
      return ciphertext;
    }
    Optional<byte[]> parsed;
    try {
      parsed =
          switch (ciphertext[0]) {
            case MSGPACK_FIXARRAY_5 -> parseMsgpack(ciphertext);
            case JSON_OBJECT -> LegacyJsonEnvelope.parse(ciphertext);
            default -> Optional.empty();
          };
    } catch (RuntimeException e) {
      // The parsers are total (tests fuzz them directly). This net only keeps a latent bug from
      // turning attacker-chosen bytes into an internal error instead of KES's outcome for an
      // envelope that does not parse: try the bytes as they are.
      parsed = Optional.empty();
    }
    return parsed.orElse(ciphertext);
  }

  /**
   * Parses a legacy MessagePack envelope: {@code [algorithm str, id str, iv bin(16), nonce
   * bin(12), sealed bin]} with nothing after it. Like the {@code msgp} reader KES uses, strings
   * accept fixstr/str8/str16/str32 and binaries bin8/bin16/bin32 only; the id is not checked.
   */
  static Optional<byte[]> parseMsgpack(byte[] b) {
    if (b.length == 0 || b[0] != MSGPACK_FIXARRAY_5) {
      return Optional.empty();
    }
    var r = new MsgpackReader(b, 1);
    Span algorithm = r.str();
    Span id = algorithm == null ? null : r.str(); // the key id: required, but not checked
    Span iv = id == null ? null : r.bin();
    Span nonce = iv == null ? null : r.bin();
    Span sealed = nonce == null ? null : r.bin();
    if (sealed == null || r.pos != b.length) {
      return Optional.empty();
    }
    if (iv.len() != IV_SIZE || nonce.len() != NONCE_SIZE) {
      return Optional.empty();
    }
    // Go compares the raw bytes with the names; ISO-8859-1 maps bytes to chars one to one.
    String name = new String(b, algorithm.off(), algorithm.len(), StandardCharsets.ISO_8859_1);
    if (KeyType.fromName(name).isEmpty()) {
      return Optional.empty();
    }
    byte[] out = new byte[sealed.len() + IV_SIZE + NONCE_SIZE];
    System.arraycopy(b, sealed.off(), out, 0, sealed.len());
    System.arraycopy(b, iv.off(), out, sealed.len(), IV_SIZE);
    System.arraycopy(b, nonce.off(), out, sealed.len() + IV_SIZE, NONCE_SIZE);
    return Optional.of(out);
  }

  /** Where an item's payload sits in the input. */
  private record Span(int off, int len) {}

  /** Reads MessagePack headers without ever trusting a length beyond the end of the input. */
  private static final class MsgpackReader {
    private final byte[] b;
    private int pos;

    MsgpackReader(byte[] b, int pos) {
      this.b = b;
      this.pos = pos;
    }

    /** A str item, or null. */
    Span str() {
      if (pos >= b.length) {
        return null;
      }
      int lead = b[pos] & 0xff;
      if (lead >= 0xa0 && lead <= 0xbf) { // fixstr
        pos++;
        return take(lead & 0x1f);
      }
      return switch (lead) {
        case 0xd9 -> sized(1);
        case 0xda -> sized(2);
        case 0xdb -> sized(4);
        default -> null;
      };
    }

    /** A bin item, or null. */
    Span bin() {
      if (pos >= b.length) {
        return null;
      }
      return switch (b[pos] & 0xff) {
        case 0xc4 -> sized(1);
        case 0xc5 -> sized(2);
        case 0xc6 -> sized(4);
        default -> null;
      };
    }

    /** Skips the lead byte, reads a big-endian length of {@code width} bytes, takes the data. */
    private Span sized(int width) {
      if (b.length - pos - 1 < width) {
        return null;
      }
      long n = 0;
      for (int i = 1; i <= width; i++) {
        n = (n << 8) | (b[pos + i] & 0xff);
      }
      pos += 1 + width;
      return take(n);
    }

    private Span take(long n) {
      if (n > b.length - pos) {
        return null;
      }
      Span it = new Span(pos, (int) n);
      pos += (int) n;
      return it;
    }
  }
}
