package org.openkes.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** HTTP/1.1 written by hand over TLS, for requests HttpClient refuses to send. */
final class RawHttps {
  private RawHttps() {}

  /** Sends {@code request} as is (with {@code Connection: close}) and returns the whole reply. */
  static String exchange(TestServer s, TestCerts.Client client, String request)
      throws Exception {
    try (SSLSocket socket = connect(s, client)) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      return readAll(socket);
    }
  }

  /** Everything the server sends until it closes the connection. */
  static String readAll(SSLSocket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] b = new byte[4096];
    int n;
    try {
      while ((n = in.read(b)) > 0) {
        buf.write(b, 0, n);
      }
    } catch (IOException e) {
      if (buf.size() == 0) {
        throw e;
      }
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  /** A TLS connection to the test server, trusting its certificate, as {@code client}. */
  static SSLSocket connect(TestServer s, TestCerts.Client client) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", s.serverCert.certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(client == null ? new KeyManager[0]
            : new KeyManager[] {new TestClient.FixedKeyManager(client.key(), client.cert())},
        tmf.getTrustManagers(), null);
    SSLSocket socket =
        (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", s.server.port());
    socket.setSoTimeout(20_000);
    return socket;
  }

  static String get(TestServer s, String target) throws Exception {
    return exchange(s, s.admin,
        "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  }

  /** The status line's code. */
  static int status(String reply) {
    return Integer.parseInt(reply.substring(9, 12));
  }

  static String body(String reply) {
    return reply.substring(reply.indexOf("\r\n\r\n") + 4);
  }

  static String header(String reply, String name) {
    for (String line : reply.substring(0, reply.indexOf("\r\n\r\n")).split("\r\n")) {
      int c = line.indexOf(':');
      if (c > 0 && line.substring(0, c).equalsIgnoreCase(name)) {
        return line.substring(c + 1).trim();
      }
    }
    return null;
  }
}
