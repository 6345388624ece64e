package org.openkes.keystores.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.openkes.core.keystore.KeyStoreException;

/**
 * A thin client for the Vault HTTP API (keystores.md §4.3): JSON in and out, the
 * {@code X-Vault-Token}/{@code X-Vault-Namespace} headers, and retries with backoff on transient
 * failures. It knows no K/V semantics; {@link VaultKeyStore} and {@link TokenSession} do.
 *
 * <p>Non-2xx answers come back as a {@link Reply} for the caller to interpret; only a Vault that
 * cannot be reached at all (after the retries) throws {@link KeyStoreException.Unreachable}.
 */
final class VaultClient {
  /** Largest answer we read (real KES caps its LIST response at 32 MiB too). */
  static final int MAX_BODY = 32 << 20;
  /** Redirects (307 from a standby) followed per call. */
  private static final int MAX_REDIRECTS = 2;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Timeouts and retry policy.
   *
   * @param connectTimeout per TCP/TLS connect
   * @param requestTimeout per attempt, until the answer's headers arrive
   * @param attempts tries per call (1 = no retry); Vault's Go client makes 3
   * @param backoff the first retry waits about this long (plus jitter), each next one 4x longer
   */
  record Options(Duration connectTimeout, Duration requestTimeout, int attempts, Duration backoff) {
    static final Options DEFAULT = new Options(Duration.ofSeconds(5), Duration.ofSeconds(10), 3, Duration.ofMillis(250));

    Options {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1");
      }
    }

    Options withAttempts(int n) {
      return new Options(connectTimeout, requestTimeout, n, backoff);
    }
  }

  /**
   * One Vault call.
   *
   * @param method GET, PUT, POST, DELETE (LIST is sent as GET with {@code list=true})
   * @param path below {@code /v1/}, e.g. {@code kv/data/my-key}
   * @param query query parameters, or empty
   * @param body a JSON-serialisable value, or null
   * @param namespace the {@code X-Vault-Namespace}; "" sends none
   * @param token the {@code X-Vault-Token}; null sends none
   */
  record Call(String method, String path, Map<String, String> query, Object body, String namespace, String token) {
    Call {
      Objects.requireNonNull(method);
      Objects.requireNonNull(path);
      query = Map.copyOf(query);
      namespace = namespace == null ? "" : namespace;
    }

    Call withToken(String t) {
      return new Call(method, path, query, body, namespace, t);
    }

    @Override
    public String toString() {
      return method + " /v1/" + path; // never the token or the body
    }
  }

  /**
   * Vault's answer.
   *
   * @param status the HTTP status
   * @param body the JSON body, or a missing node if there was none
   * @param maybeRepeated whether an earlier attempt of this call may have been carried out by
   *     Vault (it timed out or failed after the request was sent): a write that now fails
   *     because "it already exists" may have been our own
   */
  record Reply(int status, JsonNode body, boolean maybeRepeated) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** Vault's {@code errors} array, joined; or the status if there is none. */
    String errors() {
      List<String> out = new ArrayList<>();
      for (JsonNode e : body.path("errors")) {
        out.add(e.asText());
      }
      return out.isEmpty() ? "HTTP " + status : String.join("; ", out) + " (HTTP " + status + ")";
    }

    boolean hasError(String fragment) {
      for (JsonNode e : body.path("errors")) {
        if (e.asText().contains(fragment)) {
          return true;
        }
      }
      return false;
    }

    JsonNode data() {
      return body.path("data");
    }
  }

  private final URI endpoint;
  private final HttpClient http;
  private final Options options;

  VaultClient(URI endpoint, SSLContext tls, Options options) {
    this.endpoint = endpoint;
    this.options = options;
    HttpClient.Builder b = HttpClient.newBuilder()
        // Vault speaks HTTP/2 only over TLS (ALPN); h2c upgrade attempts on http:// are pointless.
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(options.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER); // 307s are followed by send(), with the body
    if (tls != null) {
      b.sslContext(tls);
    }
    this.http = b.build();
  }

  URI endpoint() {
    return endpoint;
  }

  /** Aborts calls in flight and releases the connections. */
  void close() {
    http.shutdownNow();
  }

  Options options() {
    return options;
  }

  /** Sends {@code call} with the default retry policy. */
  Reply send(Call call) throws KeyStoreException.Unreachable {
    return send(call, options);
  }

  /** Sends {@code call}, retrying transient failures as {@code opts} says. */
  Reply send(Call call, Options opts) throws KeyStoreException.Unreachable {
    HttpRequest request = request(call, opts, null);
    boolean maybeDelivered = false;
    Exception lastError = null;
    Reply last = null;
    int redirects = 0;
    for (int attempt = 0; attempt < opts.attempts(); attempt++) {
      if (attempt > 0) {
        sleep(backoff(opts, attempt));
      }
      try {
        HttpResponse<InputStream> resp = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        Optional<String> location = resp.headers().firstValue("Location");
        if (resp.statusCode() == 307 && location.isPresent() && redirects < MAX_REDIRECTS) {
          // A standby that does not forward points at the active node; Vault's Go client
          // follows such redirects too (only 307, which keeps the method and the body).
          resp.body().close();
          request = request(call, opts, request.uri().resolve(location.get()));
          redirects++;
          attempt--;
          continue;
        }
        last = new Reply(resp.statusCode(), parse(resp.body()), maybeDelivered);
        if (!retryable(last.status())) {
          return last;
        }
        maybeDelivered = true; // a 5xx may come after the work was done
        lastError = null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KeyStoreException.Unreachable("vault: interrupted while calling " + where(call), e);
      } catch (SSLHandshakeException e) {
        // Not transient: a certificate problem does not go away by retrying.
        throw new KeyStoreException.Unreachable("vault: TLS handshake with " + endpoint + " failed: " + e.getMessage()
            + tlsHint(e), e);
      } catch (IOException e) {
        lastError = e;
        last = null;
        if (!(e instanceof ConnectException) && !(e instanceof HttpConnectTimeoutException)) {
          maybeDelivered = true;
        }
      }
    }
    if (last != null) {
      return last; // still 5xx after the retries: the caller says what it means
    }
    throw new KeyStoreException.Unreachable("vault: cannot reach " + endpoint + " (" + call + "): " + describe(lastError), lastError);
  }

  private HttpRequest request(Call call, Options opts, URI redirect) {
    StringBuilder q = new StringBuilder();
    call.query().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      q.append(q.isEmpty() ? "" : "&").append(enc(e.getKey())).append('=').append(enc(e.getValue()));
    });
    URI uri = redirect != null ? redirect : uri(call.path(), q.toString());
    HttpRequest.Builder b = HttpRequest.newBuilder(uri)
        .timeout(opts.requestTimeout())
        .header("X-Vault-Request", "true");
    if (call.token() != null) {
      b.header("X-Vault-Token", call.token());
    }
    if (!call.namespace().isEmpty()) {
      b.header("X-Vault-Namespace", call.namespace());
    }
    if (call.body() != null) {
      byte[] json;
      try {
        json = JSON.writeValueAsBytes(call.body());
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot encode the request body of " + call, e);
      }
      b.header("Content-Type", "application/json").method(call.method(), HttpRequest.BodyPublishers.ofByteArray(json));
    } else {
      b.method(call.method(), HttpRequest.BodyPublishers.noBody());
    }
    return b.build();
  }

  private URI uri(String path, String query) {
    // The endpoint may carry a path prefix (a reverse proxy); Vault's Go client keeps it too.
    String base = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
    String full = GoPath.join(base.isEmpty() ? "/" : base, "v1", path);
    if (!full.startsWith("/")) {
      full = "/" + full;
    }
    try {
      URI u = new URI(endpoint.getScheme(), endpoint.getRawAuthority() == null ? null : endpoint.getAuthority(),
          full, null, null);
      return query.isEmpty() ? u : URI.create(u.toASCIIString() + "?" + query);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid Vault path '" + path + "'", e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static JsonNode parse(InputStream in) throws IOException {
    try (in) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new IOException("Vault's answer is larger than " + (MAX_BODY >> 20) + " MiB");
      }
      if (bytes.length == 0) {
        return MissingNode.getInstance();
      }
      try {
        return JSON.readTree(bytes);
      } catch (IOException e) {
        // A proxy's HTML error page, say: keep the status, drop the body.
        return MissingNode.getInstance();
      }
    }
  }

  /** 412 (a performance standby not yet caught up), 429 (rate limit) and 5xx except 501. */
  static boolean retryable(int status) {
    return status == 412 || status == 429 || (status >= 500 && status != 501);
  }

  private static Duration backoff(Options opts, int attempt) {
    long base = opts.backoff().toMillis() << (2 * (attempt - 1));
    return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base + 1));
  }

  private static void sleep(Duration d) throws KeyStoreException.Unreachable {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeyStoreException.Unreachable("vault: interrupted while waiting to retry", e);
    }
  }

  private String where(Call call) {
    return endpoint + " (" + call + ")";
  }

  /** What to check, for the handshake failures a configuration causes. */
  private static String tlsHint(SSLHandshakeException e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("certificate_required") || m.contains("bad_certificate") || m.contains("unknown_ca")) {
      return " (set keystore.vault.tls.key and .cert to a client certificate Vault accepts)";
    }
    if (m.contains("PKIX") || m.contains("certificate_unknown") || m.contains("No subject alternative")) {
      return " (is keystore.vault.tls.ca the CA of Vault's certificate?)";
    }
    return "";
  }

  private static String describe(Exception e) {
    if (e instanceof HttpConnectTimeoutException) {
      return "connect timed out";
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer within the timeout";
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
