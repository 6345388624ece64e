package org.openkes.cli.client;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openkes.core.config.ServerConfig;
import org.openkes.core.identity.ApiKey;
import org.openkes.core.identity.Identity;
import org.openkes.core.identity.Pem;
import org.openkes.core.identity.SelfSignedCertificates;
import org.openkes.core.keystore.mem.InMemoryKeyStore;
import org.openkes.server.Environment;
import org.openkes.server.KesServer;
import org.openkes.server.ListenAddress;
import org.openkes.server.ServerSpec;
import org.openkes.server.api.ApiContext.BuildInfo;
import org.openkes.server.tls.ServerCredentials;
import org.openkes.server.tls.ServerTls;

/**
 * Our KES server in-process on 127.0.0.1 and an ephemeral port, with real TLS (a self-signed
 * certificate, so clients need {@code -k}), an in-memory keystore and three clients: the admin
 * (an API key), a certificate client (key and certificate files) allowed everything under
 * {@code /v1/key/} and {@code /v1/policy/}, and a "reader" (an API key) only allowed to list keys.
 */
final class CliServer implements AutoCloseable {
  static final SecureRandom RANDOM = new SecureRandom();

  final KesServer server;
  final ApiKey admin;
  final ApiKey reader;
  final Path clientCert;
  final Path clientKey;
  final Identity clientIdentity;
  final java.security.PrivateKey clientPrivateKey;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  CliServer(Path dir) throws Exception {
    admin = ApiKey.generate(RANDOM);
    reader = ApiKey.generate(RANDOM);
    KeyPair keys = SelfSignedCertificates.generateEcP256(RANDOM);
    Instant now = Instant.now();
    X509Certificate cert = SelfSignedCertificates.create(keys,
        new SelfSignedCertificates.Template("cli-client", List.of(), List.of(),
            List.of(SelfSignedCertificates.Usage.CLIENT_AUTH), now.minusSeconds(60), now.plusSeconds(3600)),
        RANDOM);
    clientPrivateKey = keys.getPrivate();
    clientIdentity = Identity.ofSubjectPublicKeyInfo(keys.getPublic().getEncoded());
    clientCert = Files.writeString(dir.resolve("client.crt"), Pem.encodeCertificate(cert));
    clientKey = Files.writeString(dir.resolve("client.key"), Pem.encodePrivateKey(keys.getPrivate()));

    Map<String, ServerConfig.Policy> policies = new HashMap<>();
    policies.put("app", new ServerConfig.Policy(
        List.of("/v1/key/*", "/v1/policy/*", "/v1/identity/*", "/v1/status"), List.of("/v1/key/delete/*"),
        List.of(clientIdentity.value())));
    policies.put("reader", new ServerConfig.Policy(
        List.of("/v1/key/list/*"), List.of(), List.of(reader.identity().value())));
    ServerSpec spec = new ServerSpec(
        new ListenAddress("127.0.0.1", 0),
        new ServerTls(ServerCredentials.of(SelfSignedCertificates.forDevServer(
            List.of(InetAddress.getLoopbackAddress()), now, RANDOM)),
            ServerConfig.ClientAuth.REQUIRE_ANY, List.of()),
        admin.identity(), policies, Map.of(), ServerConfig.Cache.DEFAULT, ServerConfig.Log.DEFAULT,
        List.of(), new InMemoryKeyStore());
    PrintStream logs = new PrintStream(log, true, StandardCharsets.UTF_8);
    server = KesServer.start(spec, new Environment(logs, logs, Clock.systemUTC(), ZoneId.systemDefault(),
        new BuildInfo("0.0.0-test", "<unknown>"), Optional.empty(), Environment.DEFAULT_IDLE_TIMEOUT,
        Duration.ofSeconds(1)));
  }

  String address() {
    return "127.0.0.1:" + server.port();
  }

  /** The environment of a client using the admin's API key. */
  Map<String, String> adminEnv() {
    return Map.of("KES_SERVER", address(), "KES_API_KEY", admin.reveal());
  }

  /** The environment of the certificate client. */
  Map<String, String> certEnv() {
    return Map.of("KES_SERVER", address(), "KES_CLIENT_CERT", clientCert.toString(),
        "KES_CLIENT_KEY", clientKey.toString());
  }

  Map<String, String> readerEnv() {
    return Map.of("KES_SERVER", address(), "KES_API_KEY", reader.reveal());
  }

  @Override
  public void close() {
    server.close();
  }
}
