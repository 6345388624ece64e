package org.openkes.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openkes.cli.client.ClientContext;
import org.openkes.client.Dek;
import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import org.openkes.client.ServerTrust;
import org.openkes.client.Transport;
import org.openkes.core.config.ServerConfigLoader;
import org.openkes.core.identity.ApiKey;
import org.openkes.core.identity.SelfSignedCertificates;
import org.openkes.core.keystore.KeyStores;
import org.openkes.server.Environment;
import org.openkes.server.KesServer;
import org.openkes.server.ListenAddress;
import org.openkes.server.MinimalConfig;
import org.openkes.server.ServerSpec;
import org.openkes.server.api.ApiContext.BuildInfo;

/**
 * Not a command: {@code ./kes} runs this once after each build, with the JVM recording every
 * class it loads, for the class cache of {@code kes server} and {@code kes migrate}, which later
 * runs map instead of reading and verifying the jars again (docs/performance.md, "CLI
 * start-up"). It starts an in-process development server and one from a config file, and runs
 * the common commands against them, so that the cache holds the server's TLS, HTTP, JSON,
 * YAML and keystore classes. The other commands have a cache of their own ({@link
 * ClientTraining}).
 */
public final class StartupTraining {
  private StartupTraining() {}

  public static void main(String[] args) throws Exception {
    SecureRandom random = new SecureRandom();
    ApiKey admin = ApiKey.generate(random);
    ServerSpec spec = ServerSpec.dev(new ListenAddress("127.0.0.1", 0), admin,
        SelfSignedCertificates.forDevServer(List.of(InetAddress.getLoopbackAddress()), Instant.now(), random));
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    Environment env = Environment.system(new BuildInfo(KesCommand.version(), "<unknown>"))
        .withStreams(quiet, quiet);
    try (KesServer server = KesServer.start(spec, env)) {
      Map<String, String> client =
          Map.of("KES_SERVER", "127.0.0.1:" + server.port(), "KES_API_KEY", admin.reveal());
      for (boolean tty : new boolean[] {false, true}) {
        ClientContext context = new ClientContext(new Terminal(tty, tty, quiet, quiet), client,
            prompt -> null);
        ClientTraining.commands(context, admin.reveal());
      }
    }
    configuredServer(admin, env, quiet);
  }

  /**
   * Key operations over HTTP/2, what MinIO speaks: the CLI's commands speak HTTP/1.1, and
   * without these calls the server's HTTP/2 classes (Jetty's frames, HPACK) would be read from
   * the jars at the first HTTP/2 request of every start. Made once, against the configured
   * server: the development server runs the same HTTP/2 code.
   */
  private static void http2Calls(int port, ApiKey admin) {
    try (KesClient kes = KesClient.builder()
        .endpoints("127.0.0.1:" + port)
        .apiKey(admin)
        .serverTrust(ServerTrust.insecure())
        .transport(Transport.HTTP_CLIENT)
        .build()) {
      kes.createKey("training-h2");
      byte[] context = "training".getBytes(StandardCharsets.UTF_8);
      Dek dek = kes.generateKey("training-h2", context);
      kes.decrypt("training-h2", dek.ciphertext(), context);
      kes.encrypt("training-h2", context, context);
      kes.describeKey("training-h2");
      kes.status();
    } catch (KesException e) {
      // The training never fails: the cache then lacks these classes, nothing else.
    }
  }

  /**
   * What {@code kes server --config} does before it serves (YAML, PEM files, the fs keystore),
   * so that a configured server starts from the archive too: a certificate made by {@code kes
   * identity new}, a config file, a server from it, one request.
   */
  private static void configuredServer(ApiKey admin, Environment env, PrintStream quiet)
      throws Exception {
    Path dir = Files.createTempDirectory("kes-training");
    try {
      Map<String, String> none = Map.of();
      ClientContext local = new ClientContext(new Terminal(false, false, quiet, quiet), none,
          prompt -> null);
      ClientTraining.identityNew(local, dir);
      Path config = dir.resolve("config.yml");
      Files.writeString(config, MinimalConfig.yaml("127.0.0.1:0", admin.identity().value(),
          dir.resolve("server.key"), dir.resolve("server.crt"), dir.resolve("keys")));
      ServerSpec spec = ServerSpec.fromConfig(ServerConfigLoader.load(config), Optional.empty(),
          KeyStores.fromClassPath());
      try (KesServer server = KesServer.start(spec, env)) {
        ClientContext context = new ClientContext(new Terminal(false, false, quiet, quiet),
            Map.of("KES_SERVER", "127.0.0.1:" + server.port(), "KES_API_KEY", admin.reveal()),
            prompt -> null);
        ClientTraining.run(context, "key", "create", "-k", "training-key");
        ClientTraining.run(context, "key", "dek", "-k", "training-key");
        http2Calls(server.port(), admin);
      }
    } finally {
      ClientTraining.delete(dir);
    }
  }
}
