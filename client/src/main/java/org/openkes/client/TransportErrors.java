package org.openkes.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Classifies the exceptions of either {@link Transport} (the JDK HttpClient's, or a TLS socket's)
 * into a {@link TransportException} that names the endpoint and says why, in words a user can act
 * on.
 */
final class TransportErrors {
  private TransportErrors() {}

  static TransportException classify(Endpoint endpoint, IOException e) {
    TransportException.Reason reason = reason(e);
    return new TransportException(endpoint.uri(), reason, detail(e, reason), e);
  }

  static TransportException interrupted(Endpoint endpoint, InterruptedException e) {
    return new TransportException(endpoint.uri(), TransportException.Reason.INTERRUPTED, null, e);
  }

  private static TransportException.Reason reason(IOException e) {
    if (e instanceof HttpTimeoutException || e instanceof SocketTimeoutException) {
      // HttpTimeoutException includes HttpConnectTimeoutException
      return TransportException.Reason.TIMEOUT;
    }
    if (has(e, UnresolvedAddressException.class) || has(e, UnknownHostException.class)) {
      return TransportException.Reason.UNKNOWN_HOST;
    }
    if (has(e, SSLHandshakeException.class)) {
      return has(e, CertificateException.class) || has(e, CertPathValidatorException.class)
          ? TransportException.Reason.TLS_VERIFICATION
          : TransportException.Reason.TLS_HANDSHAKE;
    }
    if (has(e, SSLException.class)) {
      return TransportException.Reason.TLS_HANDSHAKE;
    }
    if (e instanceof ConnectException && (mentions(e, "refused") || detail(e, TransportException.Reason.IO) == null)) {
      // The JDK HttpClient reports a refused connection as a bare ConnectException (no message,
      // down to a ClosedChannelException); other connect failures carry a text, e.g. "No route".
      return TransportException.Reason.CONNECTION_REFUSED;
    }
    if (has(e, EOFException.class) || mentions(e, "EOF") || mentions(e, "reset")
        || mentions(e, "closed")) {
      return TransportException.Reason.CONNECTION_CLOSED;
    }
    return TransportException.Reason.IO;
  }

  /** The most specific message in the cause chain, for the parenthesis after the reason. */
  private static String detail(Throwable e, TransportException.Reason reason) {
    String detail = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        detail = t.getMessage();
      }
    }
    if (detail == null || detail.equalsIgnoreCase(reason.text())) {
      return null;
    }
    return detail;
  }

  private static boolean has(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static boolean mentions(Throwable e, String word) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().toLowerCase().contains(word.toLowerCase())) {
        return true;
      }
    }
    return false;
  }
}
