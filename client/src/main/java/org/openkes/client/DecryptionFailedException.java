package org.openkes.client;

/** The ciphertext is malformed, was modified, or was sealed under another key or context. SDK: {@code ErrDecrypt}. */
public final class DecryptionFailedException extends ApiException {
  /** The status KES answers with. */
  public static final int STATUS = 400;

  /** The exact message KES answers with. */
  public static final String MESSAGE = "decryption failed: ciphertext is not authentic";

  DecryptionFailedException() {
    super(STATUS, MESSAGE);
  }
}
