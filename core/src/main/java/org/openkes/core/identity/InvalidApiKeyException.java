package org.openkes.core.identity;

import java.util.Objects;

/**
 * A string that is not a KES API key. The message is the SDK's ({@code kes: invalid API key:
 * invalid length}, {@code kes: invalid API key: unsupported type}, or Go's base64 error {@code
 * illegal base64 data at input byte N}); it never contains the rejected input, which may be a
 * mistyped secret.
 */
public final class InvalidApiKeyException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the string was rejected. */
  public enum Reason {
    /** Not strict standard base64 with padding ({@code illegal base64 data at input byte N}). */
    MALFORMED_BASE64,
    /** {@code kes: invalid API key: invalid length}: not 33 bytes once decoded. */
    INVALID_LENGTH,
    /** {@code kes: invalid API key: unsupported type}: first byte is not 0 (Ed25519). */
    UNSUPPORTED_TYPE
  }

  private final Reason reason;

  InvalidApiKeyException(Reason reason, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
