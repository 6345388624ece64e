package org.openkes.server;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openkes.core.config.ConfigException;
import org.openkes.core.config.ServerConfig;
import org.openkes.core.config.ServerConfig.ClientAuth;
import org.openkes.core.identity.ApiKey;
import org.openkes.core.identity.Identity;
import org.openkes.core.identity.KeyAndCertificate;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.core.keystore.KeyStores;
import org.openkes.core.keystore.mem.InMemoryKeyStore;
import org.openkes.server.tls.ClientCas;
import org.openkes.server.tls.ServerCredentials;
import org.openkes.server.tls.ServerTls;
import org.openkes.server.tls.TlsException;

/**
 * Everything one configuration of a server consists of, with files read and the keystore
 * connected: what {@link KesServer#start} runs and {@link KesServer#reload} switches to.
 *
 * @param address where to listen (not changed by a reload)
 * @param tls server credentials and client-certificate mode
 * @param admin the admin identity
 * @param policies policies by name
 * @param api {@code api.<path>} overrides
 * @param cache cache expiry
 * @param log log levels
 * @param keys predefined keys, created at start and reload if missing
 * @param keystore the connected keystore; the server owns it from start/reload on
 */
public record ServerSpec(
    ListenAddress address,
    ServerTls tls,
    Identity admin,
    Map<String, ServerConfig.Policy> policies,
    Map<String, ServerConfig.Api> api,
    ServerConfig.Cache cache,
    ServerConfig.Log log,
    List<String> keys,
    KeyStore keystore) {

  public ServerSpec {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(admin, "admin");
    policies = Map.copyOf(policies);
    api = Map.copyOf(api);
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(log, "log");
    keys = List.copyOf(keys);
    Objects.requireNonNull(keystore, "keystore");
  }

  /**
   * A server from a config file's model, in KES's startup order: address, TLS files, then the
   * keystore connection.
   *
   * @param addrFlag {@code --addr}, overriding the config's {@code address}
   * @param keystores the keystore backends of this build
   * @throws ServerException with a one-line message
   */
  public static ServerSpec fromConfig(
      ServerConfig config, Optional<String> addrFlag, KeyStores keystores)
      throws ServerException {
    String addr = addrFlag.filter(a -> !a.isEmpty())
        .orElse(config.address().isEmpty() ? ListenAddress.DEFAULT : config.address());
    ListenAddress address = ListenAddress.parse(addr);
    ServerTls tls = tls(config);
    KeyStore keystore;
    try {
      keystore = keystores.open(config.keystore());
    } catch (ConfigException e) {
      throw new ServerException(e.getMessage(), e);
    } catch (KeyStoreException e) {
      throw new ServerException(e.getMessage(), e);
    }
    return new ServerSpec(address, tls, Identity.of(config.adminIdentity()), config.policies(),
        config.api(), config.cache(), config.log(), config.keys(), keystore);
  }

  /** The TLS part of a config: credentials, client CAs and mode (§4.4, §2.1). */
  public static ServerTls tls(ServerConfig config) throws ServerException {
    ServerConfig.Tls t = config.tls();
    try {
      ServerCredentials creds =
          ServerCredentials.load(Path.of(t.cert()), Path.of(t.key()), t.password());
      List<X509Certificate> cas = t.ca().isEmpty() ? List.of() : ClientCas.load(Path.of(t.ca()));
      return new ServerTls(creds, config.clientAuth(), cas);
    } catch (TlsException e) {
      throw new ServerException(e.getMessage(), e);
    }
  }

  /**
   * {@code kes server --dev} (kes-compat.md §4.10): the fresh API key's identity is the admin,
   * no policies, "require any" client certificates, cache 5m/30s/0, logs at INFO, in memory.
   */
  public static ServerSpec dev(ListenAddress address, ApiKey admin, KeyAndCertificate server) {
    return new ServerSpec(
        address,
        new ServerTls(ServerCredentials.of(server), ClientAuth.REQUIRE_ANY, List.of()),
        admin.identity(),
        Map.of(),
        Map.of(),
        ServerConfig.Cache.DEFAULT,
        ServerConfig.Log.DEFAULT,
        List.of(),
        new InMemoryKeyStore());
  }
}
