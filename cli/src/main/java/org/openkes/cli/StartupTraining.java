package org.openkes.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.openkes.cli.client.ClientContext;
import org.openkes.core.config.ServerConfigLoader;
import org.openkes.core.identity.ApiKey;
import org.openkes.core.identity.SelfSignedCertificates;
import org.openkes.core.keystore.KeyStores;
import org.openkes.server.Environment;
import org.openkes.server.KesServer;
import org.openkes.server.ListenAddress;
import org.openkes.server.ServerSpec;
import org.openkes.server.api.ApiContext.BuildInfo;

/**
 * Not a command: {@code ./kes} runs this once after each build with the JVM recording every
 * class it loads into a class-data archive, which later runs map instead of reading and
 * verifying the jars again (docs/performance.md, "CLI start-up"). It runs the commands people
 * run most, including a round trip to an in-process development server, so that the archive
 * holds the TLS, HTTP and JSON classes and not just those of whichever command happened to run
 * first.
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
        runCommands(context, admin.reveal());
      }
    }
    configuredServer(admin, env, quiet);
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
      run(local, "identity", "new", "--key", dir.resolve("server.key").toString(),
          "--cert", dir.resolve("server.crt").toString(), "--ip", "127.0.0.1", "localhost");
      Path config = dir.resolve("config.yml");
      Files.writeString(config, """
          address: 127.0.0.1:0
          admin:
            identity: %s
          tls:
            key: %s
            cert: %s
          keystore:
            fs:
              path: %s
          """.formatted(admin.identity().value(), dir.resolve("server.key"),
          dir.resolve("server.crt"), dir.resolve("keys")));
      ServerSpec spec = ServerSpec.fromConfig(ServerConfigLoader.load(config), Optional.empty(),
          KeyStores.fromClassPath());
      try (KesServer server = KesServer.start(spec, env)) {
        ClientContext context = new ClientContext(new Terminal(false, false, quiet, quiet),
            Map.of("KES_SERVER", "127.0.0.1:" + server.port(), "KES_API_KEY", admin.reveal()),
            prompt -> null);
        run(context, "key", "create", "-k", "training-key");
        run(context, "key", "dek", "-k", "training-key");
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static void runCommands(ClientContext context, String apiKey) {
    run(context, "--help");
    run(context, "identity", "of", apiKey);
    run(context, "identity");
    run(context, "key", "create", "-k", "training-key");
    run(context, "key", "ls", "-k");
    run(context, "key", "info", "-k", "training-key");
    run(context, "key", "info", "-k", "--json", "training-key");
    run(context, "key", "dek", "-k", "training-key");
    run(context, "key", "rm", "-k", "training-key");
    run(context, "ls", "-k");
    run(context, "policy", "ls", "-k");
    run(context, "identity", "info", "-k");
    run(context, "status", "-k");
    run(context, "metric", "-k", "-n", "1");
  }

  /** As {@link Main} runs a command line; the training does not care how each ends. */
  private static void run(ClientContext context, String... args) {
    KesCommand.commandLineFor(context, args).execute(args);
  }
}
