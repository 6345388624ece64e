package org.openkes.client;

/**
 * How a {@link KesClient}'s requests travel. Both speak the same API with the same TLS setup
 * (our certificate, the chosen trust, TLS 1.2+, host name verification unless insecure) and
 * report failures as the same {@link TransportException}s.
 */
public enum Transport {
  /**
   * The JDK's {@code HttpClient}: HTTP/2 negotiated with ALPN (or the version set with {@link
   * KesClient.Builder#httpVersion}), many concurrent calls over one connection. The default, for
   * long-running applications.
   */
  HTTP_CLIENT,

  /**
   * HTTP/1.1 over blocking TLS sockets: one connection per call in flight, kept open for the
   * next call. No selector thread and no HTTP/2 machinery to set up, so a process that makes a
   * call or two and exits answers sooner (the {@code kes} CLI: 50-80 ms of its start,
   * docs/performance.md). A thread blocked in a call is not interrupted by {@link
   * Thread#interrupt()} unless it is virtual; the call timeout still applies.
   */
  BLOCKING_HTTP1
}
