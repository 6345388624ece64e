package org.openkes.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.core.identity.ApiKey;
import org.openkes.core.identity.Pem;
import org.openkes.core.identity.SelfSignedCertificates;
import org.openkes.server.MinimalConfig;

/**
 * {@code kes server} as a real process: the README's {@code kes server --dev}, a config file
 * with an fs keystore, SIGHUP reload, SIGTERM stop, and the startup errors.
 */
class ServerProcessTest {
  /** A running {@code kes server} process with its output collected line by line. */
  static final class Kes implements AutoCloseable {
    final Process process;
    final BlockingQueue<String> out = new LinkedBlockingQueue<>();
    final StringBuffer outText = new StringBuffer();
    final StringBuffer errText = new StringBuffer();

    Kes(String... args) throws IOException {
      this(List.of(), args);
    }

    /** {@code kes server args}, run through {@code prefix} (e.g. {@code nohup}). */
    Kes(List<String> prefix, String... args) throws IOException {
      List<String> cmd = new ArrayList<>(prefix);
      cmd.addAll(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("surefire.test.class.path",
              System.getProperty("java.class.path")), "org.openkes.cli.Main", "server"));
      cmd.addAll(List.of(args));
      process = new ProcessBuilder(cmd).start();
      process.getOutputStream().close();
      pump(new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8)), outText, out);
      pump(new BufferedReader(new InputStreamReader(process.getErrorStream(),
          StandardCharsets.UTF_8)), errText, null);
    }

    private static void pump(BufferedReader r, StringBuffer all, BlockingQueue<String> lines) {
      Thread t = new Thread(() -> {
        try {
          String line;
          while ((line = r.readLine()) != null) {
            all.append(line).append('\n');
            if (lines != null) {
              lines.add(line);
            }
          }
        } catch (IOException e) {
          // process gone
        }
      });
      t.setDaemon(true);
      t.start();
    }

    /** Waits for an stdout line containing {@code text}; returns it. */
    String await(String text) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (System.nanoTime() < deadline) {
        String line = out.poll(1, TimeUnit.SECONDS);
        if (line != null && line.contains(text)) {
          return line;
        }
        if (line == null && !process.isAlive()) {
          break;
        }
      }
      throw new AssertionError("no line with '" + text + "'; stdout:\n" + outText
          + "\nstderr:\n" + errText);
    }

    int exit() throws Exception {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      return process.exitValue();
    }

    void signal(String sig) throws Exception {
      new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).start().waitFor();
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static HttpClient client(ApiKey key) throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    X509Certificate cert = key.certificate();
    PrivateKey pk = key.jcaPrivateKey();
    ctx.init(new KeyManager[] {new X509ExtendedKeyManager() {
      public String[] getClientAliases(String t, Principal[] i) {
        return new String[] {"c"};
      }

      public String chooseClientAlias(String[] t, Principal[] i, Socket s) {
        return "c";
      }

      public String chooseEngineClientAlias(String[] t, Principal[] i, SSLEngine e) {
        return "c";
      }

      public String[] getServerAliases(String t, Principal[] i) {
        return null;
      }

      public String chooseServerAlias(String t, Principal[] i, Socket s) {
        return null;
      }

      public X509Certificate[] getCertificateChain(String a) {
        return new X509Certificate[] {cert};
      }

      public PrivateKey getPrivateKey(String a) {
        return pk;
      }
    }}, new TrustManager[] {new X509TrustManager() { // like kes -k: a dev certificate is fresh
      public void checkClientTrusted(X509Certificate[] c, String a) {}

      public void checkServerTrusted(X509Certificate[] c, String a) {}

      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(10)).build();
  }

  static HttpResponse<String> send(HttpClient c, String method, String url) throws Exception {
    return c.send(HttpRequest.newBuilder(URI.create(url)).method(method,
            HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void devServerStartsServesAndStopsOnSigterm() throws Exception {
    int port = freePort();
    try (Kes kes = new Kes("--dev", "--addr", "127.0.0.1:" + port)) {
      ApiKey key = ApiKey.parse(kes.await("API Key").replaceAll(".*(kes:v1:\\S+).*", "$1"));
      String admin = kes.await("Admin");
      assertThat(admin).endsWith(key.identity().value());
      kes.await("=> Server is up and running...");
      assertThat(kes.outText.toString()).contains("KMS         In Memory",
          "API         · https://127.0.0.1:" + port);

      HttpClient c = client(key);
      String base = "https://127.0.0.1:" + port;
      assertThat(send(c, "POST", base + "/v1/key/create/dev-key").statusCode()).isEqualTo(200);
      assertThat(send(c, "GET", base + "/v1/key/describe/dev-key").body())
          .contains("\"created_by\":\"" + key.identity().value() + "\"");
      kes.await("secret key 'dev-key' created"); // the audit log on stdout

      kes.signal("HUP"); // nothing to reload in development mode; keeps serving
      assertThat(send(c, "GET", base + "/v1/status").statusCode()).isEqualTo(200);

      kes.signal("TERM");
      kes.await("=> Stopping server... Goodbye.");
      assertThat(kes.exit()).isZero();
      assertThat(kes.errText.toString()).doesNotContain("Exception");
      assertThat(kes.outText.toString() + kes.errText).doesNotContain(
          java.util.Base64.getEncoder().encodeToString(key.pkcs8()));
    }
  }

  @Test
  void configServerReloadsOnSighup(@TempDir Path dir) throws Exception {
    int port = freePort();
    ApiKey admin = ApiKey.generate(new java.security.SecureRandom());
    ApiKey app = ApiKey.generate(new java.security.SecureRandom());
    String base = baseConfig(dir, port, admin);
    Path config = dir.resolve("config.yml");
    Files.writeString(config, base);
    try (Kes kes = new Kes("--config", config.toString())) {
      kes.await("=> Server is up and running...");
      assertThat(kes.outText.toString()).contains("KMS         Filesystem",
          "Admin       " + admin.identity());
      String url = "https://127.0.0.1:" + port + "/v1/status";
      assertThat(send(client(app), "GET", url).statusCode()).isEqualTo(403);

      Files.writeString(config, base + """
          policy:
            ops:
              allow: [/v1/status]
              identities: [%s]
          keys:
            - name: from-reload
          """.formatted(app.identity()));
      kes.signal("HUP");
      kes.await("=> Reloading configuration after SIGHUP signal completed.");
      assertThat(send(client(app), "GET", url).statusCode()).isEqualTo(200);
      assertThat(Files.exists(dir.resolve("keys").resolve("from-reload"))).isTrue();

      Files.writeString(config, "admin: {}\n");
      kes.signal("HUP");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!kes.errText.toString().contains("Failed to reload server config: ")
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(kes.errText.toString()).contains("Failed to reload server config: ");
      assertThat(send(client(app), "GET", url).statusCode()).as("old config kept").isEqualTo(200);

      kes.signal("INT");
      kes.await("=> Stopping server... Goodbye.");
      assertThat(kes.exit()).isZero();
    }
  }

  @Test
  void aServerStartedUnderNohupSaysThatItCannotReloadOnSighup(@TempDir Path dir) throws Exception {
    // nohup ignores SIGHUP, and the JVM keeps an ignored signal ignored (./kes resets it; see
    // scripts/test-launcher.sh): started with java directly, the server must say so.
    Path config = dir.resolve("config.yml");
    Files.writeString(config, baseConfig(dir, freePort(), ApiKey.generate(new java.security.SecureRandom())));
    try (Kes kes = new Kes(List.of("nohup"), "--config", config.toString())) {
      kes.await("=> Server is up and running...");
      assertThat(kes.errText.toString()).contains(
          "WARNING: SIGHUP was ignored when this process started (nohup?)");
      kes.signal("TERM");
      kes.await("=> Stopping server... Goodbye.");
      assertThat(kes.exit()).isZero();
    }
  }

  /** A config with a fresh server certificate in {@code dir} and an fs keystore there. */
  private static String baseConfig(Path dir, int port, ApiKey admin) throws Exception {
    var serverCert = SelfSignedCertificates.forDevServer(
        List.of(java.net.InetAddress.getLoopbackAddress()), Instant.now(),
        new java.security.SecureRandom());
    Files.writeString(dir.resolve("tls.crt"), Pem.encodeCertificate(serverCert.certificate()));
    Files.writeString(dir.resolve("tls.key"), Pem.encodePrivateKey(serverCert.privateKey()));
    return MinimalConfig.yaml("127.0.0.1:" + port, admin.identity().value(),
        dir.resolve("tls.key"), dir.resolve("tls.crt"), dir.resolve("keys"));
  }

  /** A process that must fail at once: exit code and stderr. */
  static void fails(int exit, String stderr, String... args) throws Exception {
    try (Kes kes = new Kes(args)) {
      assertThat(kes.exit()).as(String.join(" ", args)).isEqualTo(exit);
      Thread.sleep(100); // let the pump catch the last line
      assertThat(kes.errText.toString()).as(String.join(" ", args)).isEqualTo(stderr);
    }
  }

  @Test
  void startupErrorsAreOneLineAndExit1(@TempDir Path dir) throws Exception {
    fails(1, "Error: open : no such file or directory\n");
    fails(1, "Error: open /does/not/exist.yml: no such file or directory\n",
        "--config", "/does/not/exist.yml");
    fails(1, "Error: '--config' flag is not supported in development mode\n",
        "--dev", "--config", "x.yml");
    fails(1, "Error: too many arguments. See 'kes server --help'\n", "--dev", "extra");
    fails(1, "Error: unknown flag: --bogus. See 'kes server --help'\n", "--bogus");
    fails(1, "Error: 'localhost' is not a valid IP address\n", "--dev", "--addr", "localhost:7373");
    fails(1, "WARNING: '--key' flag is deprecated and no longer honored. Specify the private key"
        + " in the config file\nError: too many arguments. See 'kes server --help'\n",
        "--key", "k.pem", "x");
    Path config = dir.resolve("c.yml");
    Files.writeString(config, "admin:\n  identity: abc\ntls:\n  key: /nope.key\n  cert: /nope.crt\n"
        + "keystore:\n  fs:\n    path: " + dir.resolve("k") + "\n");
    fails(1, "Error: failed to read TLS certificate: open /nope.crt: no such file or directory\n",
        "--config", config.toString());
  }

  @Test
  void helpIsUsageOnStderrAndExit2() throws Exception {
    try (Kes kes = new Kes("--help")) {
      assertThat(kes.exit()).isEqualTo(2);
      Thread.sleep(100);
      assertThat(kes.errText.toString()).startsWith("Usage:\n    kes server [options]\n");
    }
  }

  @Test
  void portInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      fails(1, "Error: listen tcp 127.0.0.1:" + taken.getLocalPort()
          + ": bind: address already in use\n", "--dev", "--addr",
          "127.0.0.1:" + taken.getLocalPort());
    }
  }
}
