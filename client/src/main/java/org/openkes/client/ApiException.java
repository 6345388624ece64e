package org.openkes.client;

import java.util.Objects;

/**
 * The server answered with an error status (≥ 400). The Go SDK's sentinel errors are the
 * subclasses; they are chosen when status <em>and</em> message match exactly, as {@code
 * errors.Is} does in the SDK (kes-compat.md §1.3). Every other error is an instance of this class
 * and carries the status and the server's message as sent.
 */
public sealed class ApiException extends KesException
    permits KeyExistsException,
        KeyNotFoundException,
        NotAllowedException,
        DecryptionFailedException,
        PolicyNotFoundException,
        IdentityNotFoundException {

  private final int status;
  private final String serverMessage;

  ApiException(int status, String serverMessage) {
    super(display(serverMessage, status));
    this.status = status;
    this.serverMessage = Objects.requireNonNull(serverMessage, "serverMessage");
  }

  /**
   * The exception for an error response: a sentinel subclass when {@code status} and {@code
   * message} are one of the SDK's sentinel errors, else a plain {@code ApiException}.
   */
  public static ApiException of(int status, String message) {
    return SentinelErrors.match(status, message);
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  /**
   * The error message exactly as the server sent it (for non-JSON error bodies, e.g. the mux's
   * {@code 404 page not found\n}, the whole body including its newline).
   */
  public String serverMessage() {
    return serverMessage;
  }

  // getMessage() is what a CLI prints after "Error: "; Go prints the message alone, too.
  private static String display(String message, int status) {
    String m = message.strip();
    return m.isEmpty() ? "HTTP status " + status : m;
  }
}
