package org.openkes.core.identity;

import java.util.Objects;

/**
 * Certificates, private keys or PEM files that cannot be used. The message is the text real KES
 * (Go's standard library underneath it) prints for the same input wherever that text is fixed;
 * {@link #kind()} lets callers react without matching on messages, e.g. the CLI asking again for
 * a password on {@link Kind#INCORRECT_PASSWORD}.
 *
 * <p>Messages never contain key material, passwords or file contents. They also never contain a
 * file name: callers add their own context (KES prefixes e.g. {@code failed to read TLS
 * certificate: }).
 */
public final class KeyMaterialException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What was wrong. The comments give the usual message. */
  public enum Kind {
    /** {@code https: no valid PEM data}: input left over that holds no PEM block. */
    NO_VALID_PEM,
    /** {@code https: unsupported PEM data block}: a block of a type not allowed here. */
    UNSUPPORTED_PEM_BLOCK,
    /** {@code tls: failed to find any PEM data in certificate input}: no certificate at all. */
    NO_CERTIFICATE,
    /** {@code https: no PEM-encoded private key found}. */
    NO_PRIVATE_KEY,
    /**
     * {@code contains no valid PEM certificate or private key} ({@code kes identity <file>}; the
     * CLI prefixes {@code '<file>' }).
     */
    NO_CERTIFICATE_OR_PRIVATE_KEY,
    /** {@code https: private key is encrypted: password required}. */
    PASSWORD_REQUIRED,
    /**
     * {@code x509: decryption password incorrect}. A wrong password is usually reported like
     * this, but about once in 256 tries the padding happens to look valid and the garbage then
     * fails as {@link #MALFORMED_PRIVATE_KEY}; RFC 1423 cannot tell the two apart.
     */
    INCORRECT_PASSWORD,
    /** A broken RFC 1423 header, e.g. {@code x509: unknown encryption mode}. */
    MALFORMED_ENCRYPTION,
    /** {@code tls: failed to parse private key}, or Go's PKCS#8 error texts. */
    MALFORMED_PRIVATE_KEY,
    /** {@code tls: found unknown private key type in PKCS#8 wrapping}. */
    UNSUPPORTED_PRIVATE_KEY,
    /**
     * {@code unsupported private key. Only ed25519 private keys are supported} ({@code kes
     * identity <file>}; the CLI prefixes {@code '<file>' contains }).
     */
    NOT_ED25519,
    /** The certificate is not a well-formed DER X.509 certificate. */
    MALFORMED_CERTIFICATE,
    /**
     * {@code tls: private key type does not match public key type} or {@code tls: private key
     * does not match public key}.
     */
    KEY_MISMATCH
  }

  private final Kind kind;

  KeyMaterialException(Kind kind, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public Kind kind() {
    return kind;
  }
}
