package org.openkes.core.crypto;

/**
 * A ciphertext could not be decrypted: it is malformed, was tampered with, or was sealed under a
 * different key or context. KES deliberately does not say which, so neither does this exception:
 * the message is always the KES error text ({@code ErrDecrypt}) and there is no cause.
 */
public final class DecryptionException extends Exception {
  /** The exact message KES returns (status 400); SDKs compare it verbatim. */
  public static final String MESSAGE = "decryption failed: ciphertext is not authentic";

  DecryptionException() {
    // No stack trace: this is an expected, input-driven outcome (any client can trigger it at
    // will), so capturing a trace would only make a flood of forged ciphertexts more expensive.
    super(MESSAGE, null, false, false);
  }
}
