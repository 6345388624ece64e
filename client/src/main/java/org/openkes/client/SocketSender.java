package org.openkes.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * {@link Transport#BLOCKING_HTTP1}: each call takes an idle connection to its endpoint or opens
 * one, and gives it back once the response body has been read to its end.
 */
final class SocketSender implements Sender {
  private final SSLSocketFactory factory;
  private final int connectTimeoutMillis;
  private final Duration timeout; // until the response headers; null for none
  private final Map<URI, Deque<Http1Connection>> idle = new ConcurrentHashMap<>();
  private final Set<Http1Connection> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  SocketSender(SSLContext tls, Duration connectTimeout, Duration timeout) {
    this.factory = tls.getSocketFactory();
    this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis()));
    this.timeout = timeout;
  }

  @Override
  public Exchange send(Endpoint endpoint, URI uri, String method, byte[] body, ApiRequest request)
      throws TransportException {
    long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    Http1Connection reused = idle(endpoint);
    if (reused != null) {
      try {
        return reused.exchange(uri, method, body, request, deadline);
      } catch (Http1Connection.NoAnswerException stale) {
        // The server closed the idle connection before reading our request (its idle timeout):
        // nothing was processed, so the request goes again on a new connection, as Go does.
        discard(reused);
      } catch (IOException e) {
        discard(reused);
        throw TransportErrors.classify(endpoint, e);
      }
    }
    Http1Connection c = null;
    try {
      c = connect(endpoint, deadline);
      return c.exchange(uri, method, body, request, deadline);
    } catch (IOException e) {
      if (c != null) {
        discard(c);
      }
      throw TransportErrors.classify(endpoint, e);
    }
  }

  private Http1Connection idle(Endpoint endpoint) {
    Deque<Http1Connection> d = idle.get(endpoint.uri());
    return d == null ? null : d.pollFirst();
  }

  private Http1Connection connect(Endpoint endpoint, long deadline) throws IOException {
    int port = endpoint.uri().getPort() == -1 ? 443 : endpoint.uri().getPort();
    Socket raw = new Socket();
    try {
      raw.setTcpNoDelay(true);
      raw.connect(new InetSocketAddress(endpoint.host(), port), Math.min(connectTimeoutMillis, remaining(deadline)));
      // The host name for SNI (none for an IP address) and for verifying the certificate.
      SSLSocket tls = (SSLSocket) factory.createSocket(raw, endpoint.host(), port, true);
      SSLParameters p = TlsContexts.parameters();
      // An insecure client's trust manager accepts any certificate for any host (and JSSE
      // leaves the host check to it); otherwise the certificate must name the host.
      p.setEndpointIdentificationAlgorithm("HTTPS");
      p.setApplicationProtocols(new String[] {"http/1.1"});
      tls.setSSLParameters(p);
      // A server that accepts connections but never answers must not hang the handshake.
      tls.setSoTimeout(Math.min(connectTimeoutMillis, remaining(deadline)));
      tls.startHandshake();
      Http1Connection c = new Http1Connection(endpoint, tls, this::release);
      open.add(c);
      if (closed) {
        discard(c);
        throw new IOException("client closed");
      }
      return c;
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** Milliseconds left until the deadline, at least 1 (0 would mean no limit to a socket). */
  static int remaining(long deadline) throws SocketTimeoutException {
    if (deadline == Long.MAX_VALUE) {
      return Integer.MAX_VALUE;
    }
    long left = (deadline - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      throw new SocketTimeoutException("timed out waiting for the response");
    }
    return (int) Math.min(Integer.MAX_VALUE, left);
  }

  /** Called by a connection whose response has been read or abandoned; kept if still open. */
  private void release(Http1Connection c) {
    if (closed || !c.isOpen()) {
      discard(c);
      return;
    }
    idle.computeIfAbsent(c.endpoint().uri(), k -> new ConcurrentLinkedDeque<>()).offerFirst(c);
    if (closed) { // close() ran in between and may have missed it
      discard(c);
    }
  }

  private void discard(Http1Connection c) {
    open.remove(c);
    c.close();
  }

  @Override
  public void close() {
    closed = true;
    for (Http1Connection c : open) {
      discard(c);
    }
    idle.clear();
  }
}
