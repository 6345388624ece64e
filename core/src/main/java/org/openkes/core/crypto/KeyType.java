package org.openkes.core.crypto;

import java.util.Optional;

/**
 * The algorithm of a master key, as KES stores it (protobuf {@code SecretKey.Type}) and names it
 * in the API ({@code algorithm} of {@code /v1/key/describe}).
 */
public enum KeyType {
  /** AES-256-GCM with an HMAC-SHA256-derived per-message key. Protobuf type 1. */
  AES256(1, "AES256"),
  /** ChaCha20-Poly1305 with an HChaCha20-derived per-message key. Protobuf type 2. */
  CHACHA20(2, "ChaCha20");

  private final int protoNumber;
  private final String apiName;

  KeyType(int protoNumber, String apiName) {
    this.protoNumber = protoNumber;
    this.apiName = apiName;
  }

  /** The number used in the protobuf encoding of a key version. */
  public int protoNumber() {
    return protoNumber;
  }

  /** The name KES uses in API responses: {@code AES256} or {@code ChaCha20}. */
  public String apiName() {
    return apiName;
  }

  public static Optional<KeyType> fromProtoNumber(long n) {
    for (KeyType t : values()) {
      if (t.protoNumber == n) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * Parses the algorithm names KES accepts on import and in legacy keys: {@code AES256},
   * {@code AES256-GCM_SHA256}, {@code ChaCha20}, {@code XCHACHA20-POLY1305} (exact case).
   */
  public static Optional<KeyType> fromName(String name) {
    return switch (name) {
      case "AES256", "AES256-GCM_SHA256" -> Optional.of(AES256);
      case "ChaCha20", "XCHACHA20-POLY1305" -> Optional.of(CHACHA20);
      default -> Optional.empty();
    };
  }
}
