package org.openkes.server;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The JDK HttpClient with a client certificate, trusting exactly the test server's certificate
 * (hostname verification on: the certificate names 127.0.0.1).
 */
public final class TestClient {
  private final HttpClient http;
  private final URI base;

  /** A response: status, headers we look at, body text. */
  public record Reply(int status, String body, HttpResponse<String> raw) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  public TestClient(URI base, X509Certificate serverCert, TestCerts.Client client,
      HttpClient.Version version, String tlsProtocol) {
    this.base = base;
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("server", serverCert);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(client == null ? new KeyManager[0]
              : new KeyManager[] {new FixedKeyManager(client.key(), client.cert())},
          tmf.getTrustManagers(), null);
      SSLParameters params = ctx.getDefaultSSLParameters();
      if (tlsProtocol != null) {
        params.setProtocols(new String[] {tlsProtocol});
      }
      this.http = HttpClient.newBuilder()
          .sslContext(ctx)
          .sslParameters(params)
          .version(version)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public HttpClient http() {
    return http;
  }

  public URI uri(String path) {
    return base.resolve(path);
  }

  public Reply get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  public Reply send(String method, String path, String body)
      throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body)));
  }

  public Reply post(String path, String body) throws IOException, InterruptedException {
    return send("POST", path, body);
  }

  public Reply put(String path, String body) throws IOException, InterruptedException {
    return send("PUT", path, body);
  }

  public Reply delete(String path) throws IOException, InterruptedException {
    return send("DELETE", path, null);
  }

  public Reply send(HttpRequest.Builder b) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Reply(r.statusCode(), r.body(), r);
  }

  /** Always offers the one client certificate. */
  static class FixedKeyManager extends X509ExtendedKeyManager {
    private final PrivateKey key;
    private final X509Certificate cert;

    FixedKeyManager(PrivateKey key, X509Certificate cert) {
      this.key = key;
      this.cert = cert;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {"client"};
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return "client";
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine e) {
      return "client";
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return new X509Certificate[] {cert};
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return key;
    }
  }
}
