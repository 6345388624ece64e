package org.openkes.interop;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The test data of kes-compat.md §3.2, §5.3, §5.4 and §6.6, copied from the document. Values the
 * document marks [computed] were produced by its author without a KES binary; the interop tests
 * confirm each one against the real KES v0.24.0.
 */
final class CompatVectors {
  private CompatVectors() {}

  static byte[] b64(String s) {
    return Base64.getDecoder().decode(s);
  }

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] range(int from, int toInclusive) {
    byte[] b = new byte[toInclusive - from + 1];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (from + i);
    }
    return b;
  }

  // --- §3.2 API keys ----------------------------------------------------------------------------

  /** An API key with its seed, public key and identity. */
  record ApiKeyRow(String apiKey, String seedHex, String publicKeyHex, String identity) {}

  static final List<ApiKeyRow> API_KEYS = List.of(
      new ApiKeyRow("kes:v1:AD9E7FSYWrMD+VjhI6q545cYT9YOyFxZb7UnjEepYDRc",
          "3f44ec54985ab303f958e123aab9e397184fd60ec85c596fb5278c47a960345c",
          "bce7ef7e567e6487fe084ab3ee223d6ce264c9967625abfecaafa9e5be5b04b1",
          "3ecfcdf38fcbe141ae26a1030f81e96b753365a46760ae6b578698a97c59fd22"),
      new ApiKeyRow("kes:v1:ACQpoGqx3rHHjT938Hfu5hVVQJHZWSqVI2Xp1KlYxFVw",
          "2429a06ab1deb1c78d3f77f077eee615554091d9592a952365e9d4a958c45570",
          "a06f6aa534af7404add2f025e748a9cf6f7abf1a7cbd458e12b37c4cd107269e",
          "0426fa9a04bc2756b92fbe8a97e1a1e07b53ecf04ed33da22c33e5c9faeb8cbb"),
      new ApiKeyRow("kes:v1:AAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f",
          "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
          "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8",
          "a050837d85070582ccf7394b0988847cc312cb88259b894899f6f239cf1791a5"));

  // --- §5.3 stored key values --------------------------------------------------------------------

  static final String CREATOR = "3ecfcdf38fcbe141ae26a1030f81e96b753365a46760ae6b578698a97c59fd22";

  /** [repo] internal/crypto/key_test.go. */
  static final String REPO_VALUE = "CiQKIMiHG7XrN94FuwblJJor4f7f6rbqAl7DwsLaiIoyz0D2EAESJAognLXl4yqa4cjZTcSbsU6sNnN8kP9ARWkXwa20YQZa9HgQARoMCNithK0GEID67qYDIkAzZWNmY2RmMzhmY2JlMTQxYWUyNmExMDMwZjgxZTk2Yjc1MzM2NWE0Njc2MGFlNmI1Nzg2OThhOTdjNTlmZDIy";
  static final String REPO_KEY = "yIcbtes33gW7BuUkmivh/t/qtuoCXsPCwtqIijLPQPY=";
  static final String REPO_HMAC_KEY = "nLXl4yqa4cjZTcSbsU6sNnN8kP9ARWkXwa20YQZa9Hg=";
  static final String REPO_CREATED = "2024-01-12T10:39:20.886816Z";

  /** [computed] AES256 KA, HMAC key 20..3f, 2025-01-02T03:04:05.123456789Z, CREATOR. */
  static final String VALUE_A = "CiQKIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fEAESJAogICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8QARoLCKWE2LsGEJWa7zoiQDNlY2ZjZGYzOGZjYmUxNDFhZTI2YTEwMzBmODFlOTZiNzUzMzY1YTQ2NzYwYWU2YjU3ODY5OGE5N2M1OWZkMjI=";
  static final String VALUE_A_HEX = "0a240a20000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f1001"
      + "12240a20202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f1001"
      + "1a0b08a584d8bb0610959aef3a"
      + "224033656366636466333866636265313431616532366131303330663831653936623735333336356134363736306165366235373836393861393763353966643232";
  static final String VALUE_A_CREATED = "2025-01-02T03:04:05.123456789Z";

  /** [computed] ChaCha20 KB, HMAC key 20..3f, 2025-01-02T03:04:05Z, no creator. */
  static final String VALUE_B = "CiQKIFsi7fCWlkWSPBahmG7g4z9+XkjzOQSdgXlDCeNXPg1HEAISJAogICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8QARoGCKWE2LsG";
  static final String VALUE_B_CREATED = "2025-01-02T03:04:05Z";

  // --- §5.4 legacy JSON keys ([repo]) --------------------------------------------------------

  static final String LEGACY_ZERO = "{\"bytes\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}";
  static final String LEGACY_AES = "{\"bytes\":\"J8qmOyEV2ce2yoAC+5t0Y7CSP/hTMppL7XHpAnyc+0E=\",\"algorithm\":\"AES256-GCM_SHA256\",\"created_at\":\"2009-11-10T23:00:00Z\",\"created_by\":\"40235905b7b83e0537a002db523cd019d6709b899adc249c957860cd00fa9f78\"}";
  static final String LEGACY_CHACHA = "{\"bytes\":\"9ew6BCae3+13sniOUwttEJ62amg98YXc0OW0WBhNiCY=\",\"algorithm\":\"XCHACHA20-POLY1305\",\"created_at\":\"2009-11-10T23:00:00Z\",\"created_by\":\"189d9de5331e3ee8abe9e4bd40d474ad621d79ccf83a711f6ac68050eb15a52a\"}";
  /** KZ as ChaCha20 in the v0.23 legacy form (algorithm name "ChaCha20"). */
  static final String LEGACY_ZERO_CHACHA = "{\"bytes\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"algorithm\":\"ChaCha20\"}";

  // --- §6.6 keys, plaintexts, contexts -----------------------------------------------------------

  static final byte[] KZ = new byte[32];
  static final byte[] K2 = b64("dDHbTWgo+Yh3u804SYB5OyVMy6RiLeJYBQth1f6KlEU=");
  static final byte[] KA = range(0x00, 0x1f);
  static final byte[] KB = b64("WyLt8JaWRZI8FqGYbuDjP35eSPM5BJ2BeUMJ41c+DUc=");
  static final byte[] HMAC_KEY = range(0x20, 0x3f);
  static final byte[] P1 = utf8("Hello World");
  static final byte[] P2 = range(0xa0, 0xbf);
  static final byte[] C2 = utf8("{\"MinIO\":\"my-bucket/my-object\"}");
  static final byte[] ZERO16 = new byte[16];
  static final byte[] R6_PLAINTEXT = b64("CLcJoykFCWZDkEIiUq9bJRqwCwW9ZDvdgu8EMA==");

  /**
   * A decryption that must succeed.
   *
   * @param id the vector's name in the document
   * @param key the name of the key file it needs (see DataInteropTest)
   * @param ciphertext the API ciphertext bytes
   */
  record Decrypt(String id, String key, byte[] ciphertext, byte[] context, byte[] plaintext) {
    @Override
    public String toString() {
      return id + " under " + key;
    }
  }

  static final List<Decrypt> DECRYPTS = List.of(
      new Decrypt("R0", "kz-aes", utf8("{\"aead\":\"AES-256-GCM-HMAC-SHA-256\",\"iv\":\"xLxIN3tSCkg2xMafuvwUwg==\",\"nonce\":\"gu0mGwUkwcvMEoi5\",\"bytes\":\"WVgRjeIJm3w50C/l+y7y2i6mbNg5NCAqN1zvOYWZKmc=\"}"), new byte[0], ZERO16),
      new Decrypt("R1", "kz-chacha", utf8("{\"aead\":\"ChaCha20Poly1305\",\"iv\":\"s3fSZ6vk5m+DfQA8yZWeUg==\",\"nonce\":\"8/kHMnCMs3h9NZ2a\",\"bytes\":\"cw22HjLq/4cx8507SW4hhSrYbDiMuRao4b5+GE+XfbE=\"}"), new byte[0], ZERO16),
      new Decrypt("R2", "kz-chacha", utf8("{\"aead\":\"ChaCha20Poly1305\",\"id\":\"66687aadf862bd776c8fc18b8e9f8e20\",\"iv\":\"EC0eZp7Pqt+LnkOae5xaAg==\",\"nonce\":\"X1ejXKmH/ugFZPkk\",\"bytes\":\"wIGBTDs6aOvsqJfekZ0PYRT/OHyFX2TXqeNwl1SLXOI=\"}"), new byte[0], ZERO16),
      new Decrypt("R3", "kz-aes", b64("lbFBRVMyNTYtR0NNX1NIQTI1NtkgNjY2ODdhYWRmODYyYmQ3NzZjOGZjMThiOGU5ZjhlMjDEEExv7LAd4oz0SaHZrX5LBufEDEKME1ow1CDfUFrqv8QgJuy7Sw+jVqz99TK1HV851LT3K4mwwDv46TB2ngWkAJQ="), new byte[0], ZERO16),
      new Decrypt("R4", "kz-chacha", b64("lbJYQ0hBQ0hBMjAtUE9MWTEzMDXZIDY2Njg3YWFkZjg2MmJkNzc2YzhmYzE4YjhlOWY4ZTIwxBBAr+aptD4x2+qfOhiErbnkxAxYs8RmNC1JJXD1hiHEIJ2KqM0jjkME7ndx8nyVseesN83Np0rM5ejVUun+fNFu"), new byte[0], ZERO16),
      new Decrypt("R5", "kz-aes", b64("zwdDgHeRlIFRnJ7+DIhs/ka7GFK2CFSfDELqg1VCyTQzZ58o7MAdupMLk3ZjlMo2ZUDwldL2o41nAWDc"), new byte[0], ZERO16),
      new Decrypt("R6", "k2-aes", b64("s2gmfQHeGdlyL8x1yEWSACUV3GrSoz3t160hugMgzKWgyqesXDVUJ5Dw5Mt076rR1PNiU9X4YjLH14D8a81t2r2xsz4gVZac"), ZERO16, R6_PLAINTEXT),
      new Decrypt("R7", "k2-chacha", b64("gO4woRIswAJdjUjW7z2ApsSQxJlwB24yjLrmH4eI7sB0uh5nfEJfk9ybTPFft5FRFaZCVBmzhx7OJs9n0WWtxH3sySIxecIK"), ZERO16, R6_PLAINTEXT),
      new Decrypt("N1", "ka-aes", b64("qcf1Bz30yIC53JqHKAL3WS5aeBd8CK3MurZWgIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmamw=="), new byte[0], P1),
      new Decrypt("N2", "kb-aes", b64("GvAhoIhwruoEsb16eO5ZLzBVTdXkm1qoKDmnd6JAJaU1DqQFoffC/oO+O50tM4KgERERERERERERERERERERESIiIiIiIiIiIiIiIg=="), C2, P2),
      new Decrypt("N3", "ka-chacha", b64("vOgL2J0B728in3DSBMpiHcpnZLioo6J2hS2SgIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmamw=="), new byte[0], P1),
      new Decrypt("N4", "kb-chacha", b64("BAj7FOHkcEMgBHbzPmWCsIS59jIjak81QQ0yKUCwyg9/9x+Vwg3uTO0LY0kIam/RERERERERERERERERERERESIiIiIiIiIiIiIiIg=="), C2, P2),
      new Decrypt("M1", "ka-aes", b64("lbFBRVMyNTYtR0NNX1NIQTI1NtkgNjMwZGNkMjk2NmM0MzM2NjkxMTI1NDQ4YmJiMjViNGbEEICBgoOEhYaHiImKi4yNjo/EDJCRkpOUlZaXmJmam8Qbqcf1Bz30yIC53JqHKAL3WS5aeBd8CK3MurZW"), new byte[0], P1),
      new Decrypt("M2", "kb-aes", b64("lbFBRVMyNTYtR0NNX1NIQTI1NqDEEBERERERERERERERERERERHEDCIiIiIiIiIiIiIiIsQwGvAhoIhwruoEsb16eO5ZLzBVTdXkm1qoKDmnd6JAJaU1DqQFoffC/oO+O50tM4Kg"), C2, P2),
      new Decrypt("M3", "ka-chacha", b64("lbJYQ0hBQ0hBMjAtUE9MWTEzMDXZIDYzMGRjZDI5NjZjNDMzNjY5MTEyNTQ0OGJiYjI1YjRmxBCAgYKDhIWGh4iJiouMjY6PxAyQkZKTlJWWl5iZmpvEG7zoC9idAe9vIp9w0gTKYh3KZ2S4qKOidoUtkg=="), new byte[0], P1),
      new Decrypt("M4", "kb-chacha", b64("lbJYQ0hBQ0hBMjAtUE9MWTEzMDXZIGU1NWZlOTM5ZWUwOWRmODAwOTZiNjlkMDQ0ODU5MmRmxBARERERERERERERERERERERxAwiIiIiIiIiIiIiIiLEMAQI+xTh5HBDIAR28z5lgrCEufYyI2pPNUENMilAsMoPf/cflcIN7kztC2NJCGpv0Q=="), C2, P2),
      new Decrypt("J1", "ka-aes", utf8("{\"aead\":\"AES-256-GCM-HMAC-SHA-256\",\"iv\":\"gIGCg4SFhoeIiYqLjI2Ojw==\",\"nonce\":\"kJGSk5SVlpeYmZqb\",\"bytes\":\"qcf1Bz30yIC53JqHKAL3WS5aeBd8CK3MurZW\"}"), new byte[0], P1),
      new Decrypt("J2", "kb-aes", utf8("{\"aead\":\"AES-256-GCM-HMAC-SHA-256\",\"id\":\"e55fe939ee09df80096b69d0448592df\",\"iv\":\"EREREREREREREREREREREQ==\",\"nonce\":\"IiIiIiIiIiIiIiIi\",\"bytes\":\"GvAhoIhwruoEsb16eO5ZLzBVTdXkm1qoKDmnd6JAJaU1DqQFoffC/oO+O50tM4Kg\"}"), C2, P2),
      new Decrypt("J3", "ka-chacha", utf8("{\"aead\":\"ChaCha20Poly1305\",\"id\":\"630dcd2966c4336691125448bbb25b4f\",\"iv\":\"gIGCg4SFhoeIiYqLjI2Ojw==\",\"nonce\":\"kJGSk5SVlpeYmZqb\",\"bytes\":\"vOgL2J0B728in3DSBMpiHcpnZLioo6J2hS2S\"}"), new byte[0], P1),
      new Decrypt("J4", "kb-chacha", utf8("{\"aead\":\"ChaCha20Poly1305\",\"iv\":\"EREREREREREREREREREREQ==\",\"nonce\":\"IiIiIiIiIiIiIiIi\",\"bytes\":\"BAj7FOHkcEMgBHbzPmWCsIS59jIjak81QQ0yKUCwyg9/9x+Vwg3uTO0LY0kIam/R\"}"), C2, P2));

  /** The API value of J1 as the document prints it: base64 of the envelope text. */
  static final String J1_API = "eyJhZWFkIjoiQUVTLTI1Ni1HQ00tSE1BQy1TSEEtMjU2IiwiaXYiOiJnSUdDZzRTRmhvZUlpWXFMakkyT2p3PT0iLCJub25jZSI6ImtKR1NrNVNWbHBlWW1acWIiLCJieXRlcyI6InFjZjFCejMweUlDNTNKcUhLQUwzV1M1YWVCZDhDSzNNdXJaVyJ9";

  /** A decryption that must fail (key, ciphertext, context). */
  record MustFail(String id, String key, byte[] ciphertext, byte[] context) {
    @Override
    public String toString() {
      return id + " under " + key;
    }
  }

  static final List<MustFail> MUST_FAIL = List.of(
      new MustFail("aead AES-256-GCM", "kz-aes", utf8("{\"aead\":\"AES-256-GCM\",\"iv\":\"xLxIN3tSCkg2xMafuvwUwg==\",\"nonce\":\"gu0mGwUkwcvMEoi5\",\"bytes\":\"WVgRjeIJm3w50C/l+y7y2i6mbNg5NCAqN1zvOYWZKmc=\"}"), new byte[0]),
      new MustFail("20-byte iv", "kz-aes", utf8("{\"aead\":\"AES-256-GCM-HMAC-SHA-256\",\"iv\":\"EjOY4JKqjIrPmQ5z1KSR8zlhggY=\",\"nonce\":\"gu0mGwUkwcvMEoi5\",\"bytes\":\"WVgRjeIJm3w50C/l+y7y2i6mbNg5NCAqN1zvOYWZKmc=\"}"), new byte[0]),
      new MustFail("8-byte nonce", "kz-aes", utf8("{\"aead\":\"AES-256-GCM-HMAC-SHA-256\",\"iv\":\"xLxIN3tSCkg2xMafuvwUwg==\",\"nonce\":\"SXAbms731/c=\",\"bytes\":\"WVgRjeIJm3w50C/l+y7y2i6mbNg5NCAqN1zvOYWZKmc=\"}"), new byte[0]),
      new MustFail("8-byte nonce (2)", "kz-chacha", utf8("{\"aead\":\"ChaCha20Poly1305\",\"iv\":\"s3fSZ6vk5m+DfQA8yZWeUg==\",\"nonce\":\"efY+4kYF9n8=\",\"bytes\":\"cw22HjLq/4cx8507SW4hhSrYbDiMuRao4b5+GE+XfbE=\"}"), new byte[0]),
      new MustFail("R0 not authentic", "kz-aes", utf8("{\"aead\":\"AES-256-GCM-HMAC-SHA-256\",\"iv\":\"xLxIN3tSCkg2xMafuvwUwg==\",\"nonce\":\"gu0mGwUkwcvMEoi5\",\"bytes\":\"QTza1g5oX3f9cGJMbY1xJwWPj1F7R2VnNl6XpFKYQy0=\"}"), new byte[0]),
      new MustFail("R1 not authentic", "kz-chacha", utf8("{\"aead\":\"ChaCha20Poly1305\",\"iv\":\"s3fSZ6vk5m+DfQA8yZWeUg==\",\"nonce\":\"8/kHMnCMs3h9NZ2a\",\"bytes\":\"TTi8pkO+Jh1JWAHvPxZeUk/iVoBPUCE4ZSVGBy3fW2s=\"}"), new byte[0]),
      new MustFail("invalid JSON", "kz-aes", utf8("{\"aead\":\"AES-256-GCM-HMAC-SHA-256\" \"iv\":\"xLxIN3tSCkg2xMafuvwUwg==\",\"nonce\":\"gu0mGwUkwcvMEoi5\",\"bytes\":\"WVgRjeIJm3w50C/l+y7y2i6mbNg5NCAqN1zvOYWZKmc=\"}"), new byte[0]),
      new MustFail("N2 other context", "kb-aes", b64("GvAhoIhwruoEsb16eO5ZLzBVTdXkm1qoKDmnd6JAJaU1DqQFoffC/oO+O50tM4KgERERERERERERERERERERESIiIiIiIiIiIiIiIg=="), utf8("x")),
      new MustFail("N4 no context", "kb-chacha", b64("BAj7FOHkcEMgBHbzPmWCsIS59jIjak81QQ0yKUCwyg9/9x+Vwg3uTO0LY0kIam/RERERERERERERERERERERESIiIiIiIiIiIiIiIg=="), new byte[0]),
      new MustFail("N1 with context x", "ka-aes", b64("qcf1Bz30yIC53JqHKAL3WS5aeBd8CK3MurZWgIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmamw=="), utf8("x")),
      new MustFail("N1 under ChaCha20", "ka-chacha", b64("qcf1Bz30yIC53JqHKAL3WS5aeBd8CK3MurZWgIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmamw=="), new byte[0]),
      new MustFail("28 bytes", "ka-aes", new byte[28], new byte[0]));

  // --- §6.6 HMAC --------------------------------------------------------------------------------

  static final String HMAC_HELLO = "z7qwEmYMolZ+4ObWeNpuOTZmFjyazt/txHZcMi1tr48=";
  static final String HMAC_EMPTY = "9JJAt4qpDlP0YQbDSB43fhlpbndzKLHNbsYGGgvYaKk=";
}
