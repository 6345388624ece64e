package org.openkes.core.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole {@code kes server} config file, validated (kes-compat.md §4). Immutable; maps keep
 * file order. Built by {@link ServerConfigLoader}, or directly in code (e.g. {@code --dev}).
 *
 * @param address listen address as written ({@code ""} = not set; {@code kes server} applies
 *     {@code --addr} and the default {@code 0.0.0.0:7373} and checks the host part)
 * @param adminIdentity the admin identity (non-empty; a value that is not a possible identity,
 *     such as {@code disabled}, disables the admin)
 * @param tls TLS file paths and client-auth settings; the files are not opened here (§4.4)
 * @param api {@code api.<path>} settings by path, including paths that match no route (KES
 *     ignores those; so does the server, and {@link #warnings} names them)
 * @param policies policies by name, in file order
 * @param cache cache expiry with the <em>intended</em> defaults applied (see {@link Cache})
 * @param log console log levels
 * @param keys predefined key names ({@code keys[].name}), in file order
 * @param keystore the {@code keystore} mapping, for the keystore registry to interpret
 * @param warnings things that load but probably do not do what the author meant, each naming
 *     file and line; for the server to print at startup
 */
public record ServerConfig(
    String address,
    String adminIdentity,
    Tls tls,
    Map<String, Api> api,
    Map<String, Policy> policies,
    Cache cache,
    Log log,
    List<String> keys,
    Section keystore,
    List<String> warnings) {

  public ServerConfig {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(adminIdentity, "adminIdentity");
    Objects.requireNonNull(tls, "tls");
    api = ordered(api);
    policies = ordered(policies);
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(log, "log");
    keys = List.copyOf(keys);
    Objects.requireNonNull(keystore, "keystore");
    warnings = List.copyOf(warnings);
  }

  /** Whether any {@code api.<path>.skip_auth} is true, including paths that match no route. */
  public boolean anySkipAuth() {
    return api.values().stream().anyMatch(Api::skipAuth);
  }

  /**
   * The TLS client-certificate mode (kes-compat.md §2.1). Like KES, any {@code skip_auth: true}
   * relaxes the handshake for every route, even one set on a path that matches no route.
   */
  public ClientAuth clientAuth() {
    boolean relaxed = anySkipAuth();
    if (tls.verifyClientCerts()) {
      return relaxed ? ClientAuth.VERIFY_IF_GIVEN : ClientAuth.REQUIRE_AND_VERIFY;
    }
    return relaxed ? ClientAuth.REQUEST : ClientAuth.REQUIRE_ANY;
  }

  /** Go's {@code tls.ClientAuthType} values that KES can end up with. */
  public enum ClientAuth {
    /** A certificate is required but not verified (proof of key possession only). Default. */
    REQUIRE_ANY,
    /** A certificate is requested, optional, not verified. */
    REQUEST,
    /** A certificate is required and verified against the client CAs. */
    REQUIRE_AND_VERIFY,
    /** A certificate is optional and verified if sent. */
    VERIFY_IF_GIVEN
  }

  /**
   * @param key private key file (required)
   * @param cert certificate file (required)
   * @param password decrypts a legacy encrypted PEM key; {@code ""} = none
   * @param verifyClientCerts {@code tls.auth: on}
   * @param ca extra CA file or directory for client verification; {@code ""} = none
   * @param proxy TLS proxy settings, validated but otherwise ignored (§2.6)
   */
  public record Tls(
      String key, String cert, String password, boolean verifyClientCerts, String ca, Proxy proxy) {
    public Tls {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(cert, "cert");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(ca, "ca");
      Objects.requireNonNull(proxy, "proxy");
    }

    @Override
    public String toString() {
      // The password is a secret.
      return "Tls[key=" + key + ", cert=" + cert + ", password=" + (password.isEmpty() ? "" : "***")
          + ", verifyClientCerts=" + verifyClientCerts + ", ca=" + ca + ", proxy=" + proxy + "]";
    }
  }

  /** {@code tls.proxy}: identities and {@code header.cert}. */
  public record Proxy(List<String> identities, String certHeader) {
    public static final Proxy NONE = new Proxy(List.of(), "");

    public Proxy {
      identities = List.copyOf(identities);
      Objects.requireNonNull(certHeader, "certHeader");
    }
  }

  /**
   * {@code api.<path>}.
   *
   * @param timeout replaces the route's default when positive; zero keeps the default
   * @param skipAuth identify only, no authorization, for this route
   */
  public record Api(Duration timeout, boolean skipAuth) {
    public Api {
      Objects.requireNonNull(timeout, "timeout");
    }
  }

  /**
   * A policy. Duplicate patterns are dropped (KES keeps them as a set); order is file order.
   *
   * @param allow path patterns that allow (§2.5)
   * @param deny path patterns that deny; deny wins
   * @param identities identities assigned to this policy
   */
  public record Policy(List<String> allow, List<String> deny, List<String> identities) {
    public Policy {
      allow = List.copyOf(allow);
      deny = List.copyOf(deny);
      identities = List.copyOf(identities);
    }
  }

  /**
   * Key cache expiry (§4.5, §9).
   *
   * <p><b>Differs from real KES on purpose.</b> KES's documented defaults are any = 5m, unused =
   * 30s, offline = 0 (off), and a zero or missing value means "the default". Real KES has a bug
   * ({@code if unused == 0 { any = 30s }}), so without {@code unused} it runs with any = 30s and
   * no unused-eviction. We apply the intended defaults (kes-compat.md §10 Q5); only how long keys
   * stay cached changes, no response does.
   */
  public record Cache(Duration any, Duration unused, Duration offline) {
    public static final Duration DEFAULT_ANY = Duration.ofMinutes(5);
    public static final Duration DEFAULT_UNUSED = Duration.ofSeconds(30);

    /** 5m / 30s / 0, also what {@code --dev} uses. */
    public static final Cache DEFAULT = new Cache(DEFAULT_ANY, DEFAULT_UNUSED, Duration.ZERO);

    public Cache {
      Objects.requireNonNull(any, "any");
      Objects.requireNonNull(unused, "unused");
      Objects.requireNonNull(offline, "offline");
    }
  }

  /** {@code log.error} (stderr) and {@code log.audit} (stdout) levels; both default to INFO. */
  public record Log(LogLevel error, LogLevel audit) {
    public static final Log DEFAULT = new Log(LogLevel.INFO, LogLevel.INFO);

    public Log {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(audit, "audit");
    }
  }

  private static <V> Map<String, V> ordered(Map<String, V> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
