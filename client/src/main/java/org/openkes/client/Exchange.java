package org.openkes.client;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A response whose headers have arrived and whose body has not been read yet: read it whole
 * (with a limit) for ordinary calls, or hand it to a {@link LogStream}. Closing it abandons the
 * body (for HTTP/2 only the stream is reset).
 */
final class Exchange implements Closeable {
  private final Endpoint endpoint;
  private final URI uri;
  private final int status;
  private final Map<String, List<String>> headers; // names case-insensitive
  private final InputStream body;

  Exchange(Endpoint endpoint, URI uri, int status, Map<String, List<String>> headers, InputStream body) {
    this.endpoint = endpoint;
    this.uri = uri;
    this.status = status;
    this.headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    this.headers.putAll(headers);
    this.body = body;
  }

  Endpoint endpoint() {
    return endpoint;
  }

  /** The URI that answered (after redirects), for messages. */
  URI uri() {
    return uri;
  }

  int status() {
    return status;
  }

  /** The first value of a header, or {@code ""}. */
  String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? "" : values.get(0);
  }

  InputStream body() {
    return body;
  }

  /**
   * Reads the body up to {@code limit} bytes and closes it.
   *
   * @throws ResponseFormatException if the body is longer than {@code limit}
   * @throws TransportException if the connection breaks while reading
   */
  byte[] readBody(long limit) throws KesException {
    try (InputStream in = body) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      long total = 0;
      for (int n; (n = in.read(buf)) >= 0; ) {
        total += n;
        if (total > limit) {
          throw new ResponseFormatException(
              "kes: response from " + uri + " is larger than " + limit + " bytes");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (KesException e) {
      throw e;
    } catch (IOException e) {
      throw TransportErrors.classify(endpoint, e);
    }
  }

  /** The body as UTF-8 text, up to {@code limit} bytes; see {@link #readBody}. */
  String readText(long limit) throws KesException {
    return new String(readBody(limit), StandardCharsets.UTF_8);
  }

  /** Whether the status would park the endpoint: a 5xx other than 501. */
  boolean isServerFailure() {
    return status >= 500 && status != 501;
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      // Abandoning a body we no longer want; nothing to report.
    }
  }
}
