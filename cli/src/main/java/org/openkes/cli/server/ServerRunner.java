package org.openkes.cli.server;

import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openkes.core.config.ConfigException;
import org.openkes.core.config.ServerConfig;
import org.openkes.core.config.ServerConfigLoader;
import org.openkes.core.identity.ApiKey;
import org.openkes.core.identity.KeyAndCertificate;
import org.openkes.core.identity.SelfSignedCertificates;
import org.openkes.core.keystore.KeyStores;
import org.openkes.server.Environment;
import org.openkes.server.InterfaceAddresses;
import org.openkes.server.KesServer;
import org.openkes.server.ListenAddress;
import org.openkes.server.ServerException;
import org.openkes.server.ServerSpec;
import org.openkes.server.api.ApiContext.BuildInfo;
import org.openkes.server.tls.TlsException;

/**
 * {@code kes server}: starts a server from a config file or in development mode, prints the
 * banner, then waits for signals: SIGHUP reloads the config, SIGINT/SIGTERM stop gracefully
 * (kes-compat.md §4.9, §4.10). Every startup error is one line {@code Error: ...}, exit 1.
 */
public final class ServerRunner {
  /** How often the TLS files are re-read for certificate rotation, as in KES. */
  static final Duration TLS_RELOAD_PERIOD = Duration.ofMinutes(15);

  private static final String USAGE = """
      Usage:
          kes server [options]

      Options:
          --addr <[ip]:port>       The network interface the KES server will listen on.
                                   The default is '0.0.0.0:7373' which causes the server
                                   to listen on all available network interfaces.

          --config <file>          Path to the KES server config file.

          --dev                    Start the KES server in development mode. The server
                                   uses a volatile in-memory key store.

          -h, --help               Show list of command-line options


      OpenKES is a KES-compatible key management server: a stateless, self-contained
      server that uses a separate key store as persistence layer.

      Examples:
        1. Start a new KES server on '127.0.0.1:7373' in development mode.
           $ kes server --dev

        2. Start a new KES server with a config file on '127.0.0.1:7000'.
           $ kes server --addr :7000 --config ./kes/config.yml
      """;

  private final PrintStream out;
  private final PrintStream err;
  private final BuildInfo build;

  public ServerRunner(PrintStream out, PrintStream err, BuildInfo build) {
    this.out = out;
    this.err = err;
    this.build = build;
  }

  /** Runs {@code kes server} with its arguments; returns the exit code. */
  public int run(List<String> argv) {
    ServerFlags flags;
    try {
      flags = ServerFlags.parse(argv);
    } catch (ServerFlags.FlagException e) {
      err.println("Error: " + e.getMessage() + ". See 'kes server --help'");
      return 1;
    }
    if (flags.help()) {
      err.print(USAGE);
      return 2;
    }
    warmUpLocales();
    if (!flags.key().isEmpty()) {
      err.println("WARNING: '--key' flag is deprecated and no longer honored."
          + " Specify the private key in the config file");
    }
    if (!flags.cert().isEmpty()) {
      err.println("WARNING: '--cert' flag is deprecated and no longer honored."
          + " Specify the certificate  in the config file");
    }
    if (!flags.auth().isEmpty()) {
      err.println("WARNING: '--auth' flag is deprecated and no longer honored."
          + " Specify the client certificate verification in the config file");
    }
    if (!flags.args().isEmpty()) {
      err.println("Error: too many arguments. See 'kes server --help'");
      return 1;
    }
    try {
      if (flags.dev()) {
        if (!flags.config().isEmpty()) {
          err.println("Error: '--config' flag is not supported in development mode");
          return 1;
        }
        return dev(flags.addr().isEmpty() ? ListenAddress.DEFAULT : flags.addr());
      }
      return withConfig(flags.addr(), flags.config());
    } catch (ServerException e) {
      err.println("Error: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /**
   * Jetty's {@code MimeTypes}, initialised by its {@code Server}'s constructor, asks the JDK for
   * every locale it knows, which makes the JDK parse the list of all CLDR locales: 120-150 ms of
   * a 0.8 s start on the build machine, all on the thread that starts the server. A thread of
   * its own does that while this one reads the config, the keystore and the TLS files
   * (docs/performance.md, "Ready after start").
   */
  private static void warmUpLocales() {
    Thread.ofPlatform().daemon().name("kes-warm-up").start(Locale::getAvailableLocales);
  }

  private int dev(String addr) throws ServerException, InterruptedException {
    ListenAddress address = ListenAddress.parse(addr);
    List<InetAddress> ips = InterfaceAddresses.of(address.ip());
    SecureRandom random = new SecureRandom();
    KeyAndCertificate cert = SelfSignedCertificates.forDevServer(ips, Instant.now(), random);
    ApiKey apiKey = ApiKey.generate(random);
    ServerSpec spec = ServerSpec.dev(address, apiKey, cert);
    Signals signals = Signals.install();
    KesServer server = KesServer.start(spec, Environment.system(build));
    printBanner(server, spec, ips, Optional.of(apiKey), "=> Server is up and running...");
    while (true) {
      Optional<Signals.Kind> s = signals.next(Duration.ofDays(1));
      if (s.isEmpty() || s.get() == Signals.Kind.HUP) {
        continue; // nothing to reload in development mode
      }
      return stop(server);
    }
  }

  private int withConfig(String addrFlag, String configFile)
      throws ServerException, InterruptedException {
    ServerConfig config = loadConfig(configFile);
    ServerSpec spec = ServerSpec.fromConfig(config, Optional.of(addrFlag), KeyStores.fromClassPath());
    for (String w : config.warnings()) {
      err.println("WARNING: " + w);
    }
    List<InetAddress> ips;
    try {
      ips = InterfaceAddresses.of(spec.address().ip());
    } catch (ServerException e) {
      spec.keystore().close();
      throw e;
    }
    Signals signals = Signals.install();
    if (signals.ignored().contains(Signals.Kind.HUP)) {
      err.println("WARNING: SIGHUP was ignored when this process started (nohup?): the config"
          + " will not be reloaded on SIGHUP. ./kes resets it; with java directly, start without"
          + " nohup.");
    }
    KesServer server = KesServer.start(spec, Environment.system(build));
    printBanner(server, spec, ips, Optional.empty(), "=> Server is up and running...");

    Instant nextTlsReload = Instant.now().plus(TLS_RELOAD_PERIOD);
    while (true) {
      Duration wait = Duration.between(Instant.now(), nextTlsReload);
      Optional<Signals.Kind> s = signals.next(wait.isNegative() ? Duration.ZERO : wait);
      if (s.isEmpty()) {
        reloadTls(server, configFile);
        nextTlsReload = Instant.now().plus(TLS_RELOAD_PERIOD);
      } else if (s.get() == Signals.Kind.HUP) {
        reload(server, configFile, addrFlag, ips);
      } else {
        return stop(server);
      }
    }
  }

  private void reload(KesServer server, String configFile, String addrFlag,
      List<InetAddress> ips) {
    err.println("SIGHUP signal received. Reloading configuration...");
    ServerSpec spec;
    try {
      ServerConfig config = loadConfig(configFile);
      spec = ServerSpec.fromConfig(config, Optional.of(addrFlag), KeyStores.fromClassPath());
    } catch (ServerException e) {
      err.println("Failed to reload server config: " + e.getMessage());
      return;
    }
    try {
      server.reload(spec);
    } catch (ServerException e) {
      err.println("Failed to update server configuration: " + e.getMessage());
      return;
    }
    printBanner(server, spec, ips, Optional.empty(),
        "=> Reloading configuration after SIGHUP signal completed.");
  }

  private void reloadTls(KesServer server, String configFile) {
    try {
      server.reloadTls(ServerSpec.tls(loadConfig(configFile)));
    } catch (ServerException | TlsException e) {
      err.println("Failed to reload TLS configuration: " + e.getMessage());
    }
  }

  private int stop(KesServer server) {
    server.close();
    out.println();
    out.println("=> Stopping server... Goodbye.");
    out.flush();
    return 0;
  }

  private static ServerConfig loadConfig(String file) throws ServerException {
    if (file.isEmpty()) {
      // What KES says when neither --config nor --dev is given.
      throw new ServerException("open : no such file or directory");
    }
    try {
      return ServerConfigLoader.load(Path.of(file));
    } catch (ConfigException e) {
      throw new ServerException(e.getMessage(), e);
    }
  }

  private void printBanner(KesServer server, ServerSpec spec, List<InetAddress> ips,
      Optional<ApiKey> apiKey, String lastLine) {
    String banner = new Banner(build.version(), build.commit(), server.keystoreDescription(),
        ips, server.port(), apiKey, spec.admin(), spec.log().error(), spec.log().audit()).render();
    out.println(banner + "\n" + lastLine);
    out.flush();
  }
}
