package org.openkes.client;

import java.net.URI;
import java.util.Objects;

/**
 * No answer from a server: the connection could not be made, TLS failed, the call timed out, or
 * the exchange broke off. Names the endpoint and the reason. The SDK calls this a {@code
 * ConnError}; like the SDK, the client has already retried (except for TLS verification
 * failures, which no retry can fix) and, with several endpoints, tried the others.
 */
public final class TransportException extends KesException {
  /** What went wrong, coarsely; the message has the details. */
  public enum Reason {
    /** The server's certificate was not trusted or does not match the endpoint's host. */
    TLS_VERIFICATION("TLS verification failed"),
    /** The TLS handshake failed for another reason (e.g. the server refused our certificate). */
    TLS_HANDSHAKE("TLS handshake failed"),
    /** Nothing listens at the endpoint. */
    CONNECTION_REFUSED("connection refused"),
    /** The host name could not be resolved. */
    UNKNOWN_HOST("unknown host"),
    /** Connecting or waiting for the response took longer than allowed. */
    TIMEOUT("timed out"),
    /** The connection was closed or reset before the response was complete. */
    CONNECTION_CLOSED("connection closed"),
    /** The calling thread was interrupted; the call was abandoned (not retried). */
    INTERRUPTED("interrupted"),
    /** Any other I/O failure. */
    IO("I/O error");

    private final String text;

    Reason(String text) {
      this.text = text;
    }

    /** A short description, e.g. {@code connection refused}. */
    public String text() {
      return text;
    }
  }

  private final URI endpoint;
  private final Reason reason;

  TransportException(URI endpoint, Reason reason, String detail, Throwable cause) {
    super(message(endpoint, reason, detail), cause);
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The endpoint that failed (the last one tried, when there are several). */
  public URI endpoint() {
    return endpoint;
  }

  public Reason reason() {
    return reason;
  }

  /**
   * Whether to retry: the SDK retries every network error; a certificate verdict is not one (and
   * no retry could change it), and an interrupted caller wants to stop.
   */
  boolean retryable() {
    return reason != Reason.TLS_VERIFICATION && reason != Reason.INTERRUPTED;
  }

  private static String message(URI endpoint, Reason reason, String detail) {
    String m = "kes: cannot reach " + endpoint + ": " + reason.text();
    return detail == null || detail.isBlank() ? m : m + " (" + detail + ")";
  }
}
