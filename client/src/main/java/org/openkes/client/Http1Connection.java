package org.openkes.client;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One HTTP/1.1 connection of a {@link SocketSender}: writes a request, reads the response head,
 * and hands out the body as a stream framed by its length or by chunks. One exchange at a time.
 */
final class Http1Connection {
  /** Response heads are small; a server sending more is broken. */
  static final int MAX_HEAD = 64 * 1024;

  /** The connection ended before a single byte of the response: the server never saw us. */
  static final class NoAnswerException extends IOException {
    NoAnswerException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Endpoint endpoint;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final Consumer<Http1Connection> release;
  private final byte[] buf = new byte[16 * 1024];
  private int pos;
  private int limit;

  Http1Connection(Endpoint endpoint, Socket socket, Consumer<Http1Connection> release) throws IOException {
    this.endpoint = endpoint;
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.release = release;
  }

  Endpoint endpoint() {
    return endpoint;
  }

  Exchange exchange(URI uri, String method, byte[] body, ApiRequest request, long deadline)
      throws IOException {
    socket.setSoTimeout(SocketSender.remaining(deadline));
    try {
      out.write(request(uri, method, body, request)); // one write: one TLS record, one segment
      out.flush();
      if (fill(deadline) < 0) {
        throw new NoAnswerException("the server closed the connection", null);
      }
    } catch (SocketTimeoutException | NoAnswerException e) {
      throw e; // a slow server may have the request: not sent again
    } catch (IOException e) {
      throw new NoAnswerException(e.getMessage(), e);
    }
    int status;
    Map<String, List<String>> headers;
    do { // 1xx answers precede the real one
      status = statusLine(readLine(deadline));
      headers = headers(deadline);
    } while (status >= 100 && status < 200);
    socket.setSoTimeout(0); // the body may stream for as long as the caller reads
    return new Exchange(endpoint, uri, status, headers, body(method, status, headers));
  }

  private static byte[] request(URI uri, String method, byte[] body, ApiRequest request) {
    byte[] head = head(uri, method, body, request);
    if (body == null || body.length == 0) {
      return head;
    }
    byte[] all = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  private static byte[] head(URI uri, String method, byte[] body, ApiRequest request) {
    StringBuilder h = new StringBuilder(256)
        .append(method).append(' ').append(uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
    if (uri.getRawQuery() != null) {
      h.append('?').append(uri.getRawQuery());
    }
    h.append(" HTTP/1.1\r\nHost: ").append(uri.getRawAuthority()).append("\r\n");
    if (body != null) {
      h.append("Content-Length: ").append(body.length).append("\r\n");
      if (request.contentType() != null) {
        h.append("Content-Type: ").append(request.contentType()).append("\r\n");
      }
    } else if (method.equals("POST") || method.equals("PUT")) {
      h.append("Content-Length: 0\r\n"); // as Go sends
    }
    if (request.accept() != null) {
      h.append("Accept: ").append(request.accept()).append("\r\n");
    }
    return h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static int statusLine(String line) throws ProtocolException {
    // HTTP/1.1 200 OK
    if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' ') {
      throw new ProtocolException("malformed HTTP status line: " + printable(line));
    }
    try {
      int status = Integer.parseInt(line.substring(9, 12));
      if (status >= 100 && status <= 999 && (line.length() == 12 || line.charAt(12) == ' ')) {
        return status;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new ProtocolException("malformed HTTP status line: " + printable(line));
  }

  private Map<String, List<String>> headers(long deadline) throws IOException {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    int size = 0;
    for (String line; !(line = readLine(deadline)).isEmpty(); ) {
      size += line.length();
      int colon = line.indexOf(':');
      if (colon <= 0 || size > MAX_HEAD) {
        throw new ProtocolException(size > MAX_HEAD
            ? "response header larger than " + MAX_HEAD + " bytes" : "malformed HTTP header: " + printable(line));
      }
      headers.computeIfAbsent(line.substring(0, colon).strip(), k -> new ArrayList<>())
          .add(line.substring(colon + 1).strip());
    }
    return headers;
  }

  private InputStream body(String method, int status, Map<String, List<String>> headers) throws IOException {
    boolean reusable = !hasToken(headers, "Connection", "close");
    if (method.equals("HEAD") || status == 204 || status == 304) {
      return new Body(reusable, 0);
    }
    List<String> codings = headers.get("Transfer-Encoding");
    if (codings != null) {
      // Chunked must be the last coding (RFC 9112 §6.3); otherwise the body runs until the
      // server closes.
      String[] last = codings.getLast().split(",");
      return last[last.length - 1].strip().equalsIgnoreCase("chunked")
          ? new Body(reusable, Body.CHUNKED)
          : new Body(false, Body.UNTIL_CLOSE);
    }
    List<String> length = headers.get("Content-Length");
    if (length == null) {
      return new Body(false, Body.UNTIL_CLOSE);
    }
    try {
      long n = Long.parseLong(length.get(0));
      if (n >= 0 && length.stream().allMatch(length.get(0)::equals)) {
        return new Body(reusable, n);
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new ProtocolException("invalid Content-Length: " + printable(String.join(",", length)));
  }

  private static boolean hasToken(Map<String, List<String>> headers, String name, String token) {
    for (String value : headers.getOrDefault(name, List.of())) {
      for (String t : value.split(",")) {
        if (t.strip().equalsIgnoreCase(token)) {
          return true;
        }
      }
    }
    return false;
  }

  /** One CRLF- (or LF-) terminated line of the head, without its terminator. */
  private String readLine(long deadline) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    while (true) {
      if (pos == limit && fill(deadline) < 0) {
        throw new EOFException("the server closed the connection in the middle of the response");
      }
      byte b = buf[pos++];
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
      }
      if (line.size() >= MAX_HEAD) {
        throw new ProtocolException("response header larger than " + MAX_HEAD + " bytes");
      }
      line.write(b);
    }
  }

  /** Reads more bytes into the empty buffer: how many, or -1 at the end of the stream. */
  private int fill(long deadline) throws IOException {
    if (deadline != Long.MAX_VALUE) {
      socket.setSoTimeout(SocketSender.remaining(deadline));
    }
    pos = 0;
    limit = Math.max(0, in.read(buf, 0, buf.length));
    return limit == 0 ? -1 : limit;
  }

  private int read(byte[] b, int off, int len) throws IOException {
    if (pos == limit && fill(Long.MAX_VALUE) < 0) {
      return -1;
    }
    int n = Math.min(len, limit - pos);
    System.arraycopy(buf, pos, b, off, n);
    pos += n;
    return n;
  }

  private static String printable(String s) {
    String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return t.replaceAll("[^\\x20-\\x7e]", "?");
  }

  boolean isOpen() {
    return !socket.isClosed();
  }

  void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing; nothing to report
    }
  }

  /**
   * A response body: a known length, chunks, or until the server closes. At its end, or when
   * closed, the connection goes back to the sender: still open if it can carry the next call.
   */
  private final class Body extends InputStream {
    static final long CHUNKED = -1;
    static final long UNTIL_CLOSE = -2;

    private final boolean reusable;
    private final long framing;
    private long left; // of the fixed length or the current chunk
    private boolean first = true; // no chunk read yet
    private boolean done;
    private boolean closed;

    Body(boolean reusable, long framing) {
      this.reusable = reusable;
      this.framing = framing;
      this.left = Math.max(0, framing);
      if (framing == 0) {
        finish();
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (closed) {
        throw new IOException("stream closed");
      }
      if (done) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      if (framing == UNTIL_CLOSE) {
        int n = Http1Connection.this.read(b, off, len);
        if (n < 0) {
          finish();
        }
        return n;
      }
      if (left == 0 && framing == CHUNKED && !nextChunk()) {
        return -1;
      }
      int n = Http1Connection.this.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException("the server closed the connection in the middle of the response body");
      }
      left -= n;
      if (left == 0 && framing != CHUNKED) {
        finish();
      }
      return n;
    }

    /** Starts the next chunk: false at the last one (trailers read, body done). */
    private boolean nextChunk() throws IOException {
      if (!first && !readLine(Long.MAX_VALUE).isEmpty()) {
        throw new ProtocolException("malformed chunked body: no line break after a chunk");
      }
      first = false;
      String line = readLine(Long.MAX_VALUE);
      int semicolon = line.indexOf(';'); // chunk extensions are ignored
      String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
      long size;
      try {
        size = hex.isEmpty() || hex.length() > 15 ? -1 : Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (size < 0) {
        throw new ProtocolException("malformed chunk size: " + printable(line));
      }
      if (size == 0) {
        while (!readLine(Long.MAX_VALUE).isEmpty()) {
          // trailers: none of interest
        }
        finish();
        return false;
      }
      left = size;
      return true;
    }

    private void finish() {
      done = true;
      if (!reusable || framing == UNTIL_CLOSE || pos != limit) {
        Http1Connection.this.close();
      }
      release.accept(Http1Connection.this);
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        if (!done) { // abandoned: the rest of the response would be in the next one's way
          Http1Connection.this.close();
          release.accept(Http1Connection.this);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "Http1Connection[" + endpoint + "]";
  }
}
