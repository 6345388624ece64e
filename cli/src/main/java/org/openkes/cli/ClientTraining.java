package org.openkes.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openkes.cli.client.ClientContext;

/**
 * Not a command: the training run of the client commands' class cache. {@code ./kes} keeps two
 * caches (docs/performance.md, "CLI start-up"): one for {@code kes server} and {@code kes
 * migrate} ({@link StartupTraining}), one for every other command, trained here. The JVM loads
 * every class of its cache at start, so a client command started from a cache that also holds
 * Jetty, the keystores and the server took about 40 ms longer. The development server these
 * commands talk to therefore runs in a process of its own, and none of its classes enter this
 * JVM.
 */
public final class ClientTraining {
  /** How long the development server may take to start (it has no class cache of its own). */
  private static final long SERVER_WAIT_MILLIS = 60_000;

  private ClientTraining() {}

  public static void main(String[] args) throws Exception {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    Path dir = Files.createTempDirectory("kes-training");
    try {
      Path log = dir.resolve("server.log");
      Process server = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          // ./kes runs the client commands on a class path without the server's jars.
          "-cp", System.getProperty("kes.training.server.classpath", System.getProperty("java.class.path")),
          Main.class.getName(),
          "server", "--dev", "--addr", "127.0.0.1:0")
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      // Interrupted (Ctrl-C while ./kes trains), the server must not outlive the training.
      Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
      try {
        Optional<Banner> banner = banner(log, server);
        if (banner.isPresent()) {
          Map<String, String> env = Map.of(
              "KES_SERVER", banner.get().endpoint(), "KES_API_KEY", banner.get().apiKey());
          for (boolean tty : new boolean[] {false, true}) {
            ClientContext context = new ClientContext(new Terminal(tty, tty, quiet, quiet), env,
                prompt -> null);
            commands(context, banner.get().apiKey());
          }
        }
      } finally {
        server.destroy();
        server.waitFor(10, TimeUnit.SECONDS);
      }
      // Without a server the cache still gets the local commands; the training never fails.
      ClientContext local = new ClientContext(new Terminal(false, false, quiet, quiet), Map.of(),
          prompt -> null);
      identityNew(local, dir);
    } finally {
      delete(dir);
    }
  }

  /** The commands people run most, against a running server. */
  static void commands(ClientContext context, String apiKey) {
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

  /** {@code kes identity new}: a private key and a certificate for 127.0.0.1 in {@code dir}. */
  static void identityNew(ClientContext context, Path dir) {
    run(context, "identity", "new", "--key", dir.resolve("server.key").toString(),
        "--cert", dir.resolve("server.crt").toString(), "--ip", "127.0.0.1", "localhost");
  }

  /** As {@link Main} runs a command line; the training does not care how each ends. */
  static void run(ClientContext context, String... args) {
    KesCommand.commandLineFor(context, args).execute(args);
  }

  /** What the training needs from the development server's banner. */
  private record Banner(String endpoint, String apiKey) {}

  /**
   * The endpoint (the port the server chose) and the API key from the development server's
   * banner, once it is printed.
   */
  private static Optional<Banner> banner(Path log, Process server) throws Exception {
    long deadline = System.currentTimeMillis() + SERVER_WAIT_MILLIS;
    while (System.currentTimeMillis() < deadline && server.isAlive()) {
      String endpoint = null;
      for (String line : Files.readAllLines(log)) {
        String[] words = line.trim().split("\\s+");
        String last = words[words.length - 1];
        if (line.startsWith("API ") && last.startsWith("https://")) {
          endpoint = last;
        } else if (line.startsWith("API Key") && endpoint != null) {
          return Optional.of(new Banner(endpoint, last));
        }
      }
      Thread.sleep(100);
    }
    return Optional.empty();
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
