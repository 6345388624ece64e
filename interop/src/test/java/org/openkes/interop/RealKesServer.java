package org.openkes.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openkes.client.Credentials;
import org.openkes.client.Endpoint;
import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import org.openkes.client.RetryPolicy;
import org.openkes.client.ServerTrust;
import org.openkes.core.identity.ApiKey;
import org.openkes.core.identity.Identity;
import org.openkes.core.identity.Pem;
import org.openkes.core.identity.SelfSignedCertificates;

/**
 * A real {@code kes server} for one test class: a fresh self-signed server certificate for
 * 127.0.0.1, an fs keystore, an admin identity and policies written into a config file, started
 * on an ephemeral port, waited for until it answers, and stopped (SIGTERM, then SIGKILL) by
 * {@link #close()}.
 */
final class RealKesServer implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final int BIND_ATTEMPTS = 3;

  private final Path dir;
  private final Path keystore;
  private final Endpoint endpoint;
  private final X509Certificate certificate;
  private final Path certificateFile;
  private final Path log;
  private final Process process;

  private RealKesServer(Path dir, Path keystore, Endpoint endpoint, X509Certificate certificate,
      Path certificateFile, Path log, Process process) {
    this.dir = dir;
    this.keystore = keystore;
    this.endpoint = endpoint;
    this.certificate = certificate;
    this.certificateFile = certificateFile;
    this.log = log;
    this.process = process;
  }

  static Builder builder(KesBinary kes, Path dir) {
    return new Builder(kes, dir);
  }

  Endpoint endpoint() {
    return endpoint;
  }

  /** The fs keystore directory: one file per key, named like the key. */
  Path keystore() {
    return keystore;
  }

  /** The server's self-signed certificate (also its own CA). */
  X509Certificate certificate() {
    return certificate;
  }

  /** The PEM file of {@link #certificate()}, usable as a CA file. */
  Path certificateFile() {
    return certificateFile;
  }

  /** The server's combined stdout and stderr so far (banner, audit and error log). */
  String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** A client builder for this server, trusting its certificate, without sleeping retries. */
  KesClient.Builder client(Credentials credentials) {
    return KesClient.builder()
        .endpoint(endpoint)
        .credentials(credentials)
        .serverTrust(ServerTrust.certificates(List.of(certificate)))
        .retryPolicy(RetryPolicy.NONE)
        .callTimeout(Duration.ofSeconds(30));
  }

  KesClient client(ApiKey key) {
    return client(Credentials.apiKey(key)).build();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy(); // SIGTERM: KES shuts down gracefully within its 1 s grace period
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** What goes into the config file. */
  static final class Builder {
    private final KesBinary kes;
    private final Path dir;
    private Identity admin;
    private Path keystore;
    private final Map<String, PolicySpec> policies = new LinkedHashMap<>();
    private List<String> command;

    private Builder(KesBinary kes, Path dir) {
      this.kes = kes;
      this.dir = dir;
      this.keystore = dir.resolve("keys");
    }

    Builder admin(Identity admin) {
      this.admin = admin;
      return this;
    }

    /**
     * Runs another KES-compatible binary instead of the real one (e.g. ours, as
     * {@link OurKes#command()}), with the same config file and checks.
     */
    Builder command(List<String> command) {
      this.command = List.copyOf(command);
      return this;
    }

    Builder keystore(Path keystore) {
      this.keystore = keystore;
      return this;
    }

    Builder policy(String name, List<String> allow, List<String> deny, Identity... identities) {
      policies.put(name, new PolicySpec(allow, deny, List.of(identities)));
      return this;
    }

    RealKesServer start() throws IOException, InterruptedException {
      Objects.requireNonNull(admin, "admin");
      Files.createDirectories(dir);
      KeyPair keys = SelfSignedCertificates.generateEcP256(new SecureRandom());
      Instant now = Instant.now();
      X509Certificate cert = SelfSignedCertificates.create(keys,
          new SelfSignedCertificates.Template("localhost", List.of("localhost"),
              List.of(InetAddress.getByName("127.0.0.1")),
              List.of(SelfSignedCertificates.Usage.SERVER_AUTH),
              now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(1))),
          new SecureRandom());
      Path keyFile = write("server.key", Pem.encodePrivateKey(keys.getPrivate()));
      Path certFile = write("server.crt", Pem.encodeCertificate(cert));
      IOException last = null;
      for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
        int port = freePort();
        Path config = write("config.yml", config(port, keyFile, certFile));
        Path log = dir.resolve("server-" + port + ".log");
        List<String> cmd = new ArrayList<>(command != null ? command : List.of(kes.path().toString()));
        cmd.addAll(List.of("server", "--config", config.toString(), "--addr", "127.0.0.1:" + port));
        ProcessBuilder pb = new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        KesBinary.cleanEnvironment(pb.environment());
        Process p = pb.start();
        Endpoint endpoint = Endpoint.parse("127.0.0.1:" + port);
        RealKesServer server = new RealKesServer(dir, keystore, endpoint, cert, certFile, log, p);
        try {
          server.awaitReady();
          return server;
        } catch (IOException e) {
          server.close();
          last = e;
          if (!Files.readString(log).contains("address already in use")) {
            break; // only a lost race for the port is worth another try
          }
        }
      }
      throw last;
    }

    private String config(int port, Path keyFile, Path certFile) {
      StringBuilder y = new StringBuilder();
      y.append("version: v1\n");
      y.append("address: ").append(q("127.0.0.1:" + port)).append('\n');
      y.append("admin:\n  identity: ").append(q(admin.value())).append('\n');
      y.append("tls:\n  key: ").append(q(keyFile.toString())).append("\n  cert: ")
          .append(q(certFile.toString())).append('\n');
      if (!policies.isEmpty()) {
        y.append("policy:\n");
        policies.forEach((name, p) -> {
          y.append("  ").append(name).append(":\n");
          list(y, "allow", p.allow());
          list(y, "deny", p.deny());
          list(y, "identities", p.identities().stream().map(Identity::value).toList());
        });
      }
      y.append("keystore:\n  fs:\n    path: ").append(q(keystore.toString())).append('\n');
      return y.toString();
    }

    private static void list(StringBuilder y, String name, List<String> values) {
      y.append("    ").append(name).append(":");
      if (values.isEmpty()) {
        y.append(" []\n");
        return;
      }
      y.append('\n');
      for (String v : values) {
        y.append("    - ").append(q(v)).append('\n');
      }
    }

    /** A YAML double-quoted scalar. */
    private static String q(String s) {
      return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private Path write(String name, String content) throws IOException {
      return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        return s.getLocalPort();
      }
    }
  }

  private record PolicySpec(List<String> allow, List<String> deny, List<Identity> identities) {
    PolicySpec {
      allow = List.copyOf(allow);
      deny = List.copyOf(deny);
      identities = new ArrayList<>(identities);
    }
  }

  /** Polls {@code GET /version} (no authentication) until the server answers or gives up. */
  private void awaitReady() throws IOException, InterruptedException {
    ApiKey probeKey = ApiKey.generate(new SecureRandom());
    try (KesClient probe = client(Credentials.apiKey(probeKey)).callTimeout(Duration.ofSeconds(2)).build()) {
      long deadline = System.nanoTime() + STARTUP.toNanos();
      KesException lastError = null;
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IOException("kes server exited with " + process.exitValue() + ":\n" + log());
        }
        try {
          probe.version();
          return;
        } catch (KesException e) {
          lastError = e;
          Thread.sleep(100);
        }
      }
      throw new IOException("kes server did not answer within " + STARTUP + " (last: " + lastError
          + "):\n" + log());
    }
  }

  @Override
  public String toString() {
    return "RealKesServer[" + endpoint + ", " + dir + "]";
  }
}
