package org.openkes.client;

import java.net.URI;

/** Sends one HTTP request and returns the response with its body unread ({@link Transport}). */
interface Sender extends AutoCloseable {
  /**
   * @param uri the full request URI, on {@code endpoint}
   * @param body the request body, {@code null} for none
   * @throws TransportException when no response arrived
   */
  Exchange send(Endpoint endpoint, URI uri, String method, byte[] body, ApiRequest request)
      throws TransportException;

  /** Releases connections; calls and streams in flight are aborted. */
  @Override
  void close();
}
