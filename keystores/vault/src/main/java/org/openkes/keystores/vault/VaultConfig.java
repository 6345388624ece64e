package org.openkes.keystores.vault;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.openkes.core.config.ConfigException;
import org.openkes.core.config.Section;

/**
 * The {@code keystore.vault} section, validated (kes-compat.md §4.3; real KES
 * {@code kesconf/config.go} and {@code internal/keystore/vault/vault.go} at v0.24.0).
 *
 * @param endpoint the Vault server, e.g. {@code https://vault:8200}
 * @param engine the K/V mount path (default {@code kv})
 * @param version the K/V engine API version (default v1)
 * @param namespace sent as {@code X-Vault-Namespace} on every call except {@code sys/health};
 *     "" for none
 * @param prefix a directory inside the mount ("" for the top level)
 * @param transit when present, values are wrapped with this transit key before they are stored
 * @param auth how to obtain a Vault token
 * @param tls client certificate and CA settings
 * @param statusPing how often the background health check looks for a sealed Vault
 */
public record VaultConfig(
    URI endpoint,
    String engine,
    KvVersion version,
    String namespace,
    String prefix,
    Optional<Transit> transit,
    Auth auth,
    Tls tls,
    Duration statusPing) {

  static final String PREFIX = "kesconf: invalid vault keystore: ";
  static final Duration DEFAULT_STATUS_PING = Duration.ofSeconds(15);

  public VaultConfig {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(transit, "transit");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(statusPing, "statusPing");
  }

  /** The K/V secrets engine API version. */
  public enum KvVersion {
    V1("v1"),
    V2("v2");

    private final String text;

    KvVersion(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * How the keystore gets its Vault token. AppRole and Kubernetes are real KES's two methods;
   * {@link Token} is our addition (keystores.md §4.1).
   */
  public sealed interface Auth permits AppRole, Kubernetes, Token {
    /** The method's name in messages, e.g. {@code AppRole}. */
    String method();

    /**
     * The namespace the login is sent to: {@code ""} = the keystore's namespace, {@code "/"} =
     * the root namespace (no header), anything else = that namespace.
     */
    String namespace();
  }

  /** {@code approle: {engine, namespace, id, secret}}: {@code POST auth/<engine>/login}. */
  public record AppRole(String engine, String namespace, String id, String secret) implements Auth {
    @Override
    public String method() {
      return "AppRole";
    }

    @Override
    public String toString() {
      return "AppRole[engine=" + engine + ", namespace=" + namespace + "]"; // never id or secret
    }
  }

  /**
   * {@code kubernetes: {engine, namespace, role, jwt}}: {@code POST auth/<engine>/login} with a
   * service account JWT. A {@code jwt} containing {@code /} is a file, re-read at every login
   * (Kubernetes rotates projected tokens).
   */
  public record Kubernetes(String engine, String namespace, String role, String jwt) implements Auth {
    @Override
    public String method() {
      return "Kubernetes";
    }

    boolean jwtIsFile() {
      return isPath(jwt);
    }

    @Override
    public String toString() {
      return "Kubernetes[engine=" + engine + ", namespace=" + namespace + ", role=" + role
          + (jwtIsFile() ? ", jwt file=" + jwt : "") + "]";
    }
  }

  /**
   * {@code token: <token or file>} (not in real KES): a Vault token used as is. A value
   * containing {@code /} is a file, re-read whenever the token is rejected, so an agent that
   * rewrites the file (Vault Agent's sink) rotates it. Renewed before expiry when renewable.
   */
  public record Token(String token) implements Auth {
    @Override
    public String method() {
      return "token";
    }

    @Override
    public String namespace() {
      return "";
    }

    boolean isFile() {
      return isPath(token);
    }

    @Override
    public String toString() {
      return isFile() ? "Token[file=" + token + "]" : "Token[static]";
    }
  }

  /** {@code transit: {engine, key}}: an extra layer of encryption with a Vault transit key. */
  public record Transit(String engine, String key) {}

  /**
   * {@code tls: {key, cert, ca}}: paths; empty if unset. {@code ca} may be a file or a directory
   * of PEM certificates.
   */
  public record Tls(String key, String cert, String ca) {
    public static final Tls NONE = new Tls("", "", "");
  }

  /** Real KES's rule for "is this a file?": a path separator in the value. */
  static boolean isPath(String value) {
    return value.indexOf('/') >= 0 || value.indexOf(java.io.File.separatorChar) >= 0;
  }

  /** Reads and validates {@code keystore.vault}, in real KES's order and with its messages. */
  public static VaultConfig parse(Section s) throws ConfigException {
    String endpoint = s.string("endpoint").orElse("");
    if (endpoint.isEmpty()) {
      throw s.error("endpoint", PREFIX + "no endpoint specified");
    }
    Optional<Section> approle = s.section("approle");
    Optional<Section> kubernetes = s.section("kubernetes");
    Optional<String> token = s.string("token");
    int methods = (approle.isPresent() ? 1 : 0) + (kubernetes.isPresent() ? 1 : 0) + (token.isPresent() ? 1 : 0);
    if (methods == 0) {
      throw s.error("endpoint", PREFIX + "no authentication method specified");
    }
    if (methods > 1) {
      throw s.error(approle.isPresent() ? "approle" : "kubernetes",
          PREFIX + "more than one authentication method specified");
    }

    Auth auth;
    if (approle.isPresent()) {
      Section a = approle.get();
      String id = a.string("id").orElse("");
      String secret = a.string("secret").orElse("");
      if (id.isEmpty()) {
        throw a.error("id", PREFIX + "invalid approle config: no approle ID specified");
      }
      if (secret.isEmpty()) {
        throw a.error("secret", PREFIX + "invalid approle config: no approle secret specified");
      }
      auth = new AppRole(a.string("engine").filter(e -> !e.isEmpty()).orElse("approle"),
          a.string("namespace").orElse(""), id, secret);
    } else if (kubernetes.isPresent()) {
      Section k = kubernetes.get();
      String jwt = k.string("jwt").orElse("");
      if (jwt.isEmpty()) {
        throw k.error("jwt", PREFIX + "invalid kubernetes config: no JWT specified");
      }
      if (isPath(jwt)) {
        try {
          Files.readAllBytes(Path.of(jwt)); // only checked here; read again at every login
        } catch (IOException | RuntimeException e) {
          throw k.error("jwt", "kesconf: failed to read vault kubernetes JWT from '" + jwt + "': " + ioMessage(e));
        }
      }
      auth = new Kubernetes(k.string("engine").filter(e -> !e.isEmpty()).orElse("kubernetes"),
          k.string("namespace").orElse(""), k.string("role").orElse(""), jwt);
    } else {
      String t = token.get();
      if (t.isEmpty()) {
        throw s.error("token", PREFIX + "invalid token config: no token specified");
      }
      if (isPath(t)) {
        try {
          if (Files.readString(Path.of(t)).isBlank()) {
            throw s.error("token", PREFIX + "invalid token config: the token file '" + t + "' is empty");
          }
        } catch (IOException | RuntimeException e) {
          throw s.error("token", "kesconf: failed to read vault token from '" + t + "': " + ioMessage(e));
        }
      }
      auth = new Token(t);
    }

    Optional<Transit> transit = Optional.empty();
    Optional<Section> tr = s.section("transit");
    if (tr.isPresent()) {
      String key = tr.get().string("key").orElse("");
      if (key.isEmpty()) {
        throw tr.get().error("key", PREFIX + "invalid transit config: no key name specified");
      }
      transit = Optional.of(new Transit(tr.get().string("engine").filter(e -> !e.isEmpty()).orElse("transit"), key));
    }

    String tlsKey = s.string("tls.key").orElse("");
    String tlsCert = s.string("tls.cert").orElse("");
    if (!tlsKey.isEmpty() && tlsCert.isEmpty()) {
      throw s.error("tls.key", PREFIX + "invalid tls config: no TLS certificate provided");
    }
    if (tlsKey.isEmpty() && !tlsCert.isEmpty()) {
      throw s.error("tls.cert", PREFIX + "invalid tls config: no TLS private key provided");
    }
    Tls tls = new Tls(tlsKey, tlsCert, s.string("tls.ca").orElse(""));

    // Checked by real KES when it connects, after the config file passed (vault.Connect).
    String version = s.string("version").orElse("");
    KvVersion kv = switch (version) {
      case "", "v1" -> KvVersion.V1;
      case "v2" -> KvVersion.V2;
      default -> throw s.error("version", "vault: invalid engine API version '" + version + "' (use v1 or v2)");
    };
    Duration ping = s.duration("status.ping").orElse(Duration.ZERO);
    if (ping.isNegative()) {
      throw s.error("status.ping", PREFIX + "invalid status ping '" + s.string("status.ping").orElse("")
          + "': must not be negative");
    }
    if (ping.isZero()) {
      ping = DEFAULT_STATUS_PING;
    }
    return new VaultConfig(parseEndpoint(s, endpoint), s.string("engine").filter(e -> !e.isEmpty()).orElse("kv"),
        kv, s.string("namespace").orElse(""), s.string("prefix").orElse(""), transit, auth, tls, ping);
  }

  private static URI parseEndpoint(Section s, String endpoint) throws ConfigException {
    URI uri;
    try {
      uri = new URI(endpoint.strip());
    } catch (URISyntaxException e) {
      throw s.error("endpoint", PREFIX + "invalid endpoint '" + endpoint + "': " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw s.error("endpoint", PREFIX + "invalid endpoint '" + endpoint
          + "': use http://host:port or https://host:port");
    }
    return uri;
  }

  private static String ioMessage(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The mount-relative path real KES uses for an entry: {@code <engine>[/data]/<prefix>/<name>}. */
  String entryPath(String name) {
    return version == KvVersion.V2 ? GoPath.join(engine, "data", prefix, name) : GoPath.join(engine, prefix, name);
  }

  /** Where a K/V v2 entry's versions and metadata live: {@code <engine>/metadata/<prefix>/<name>}. */
  String metadataPath(String name) {
    return GoPath.join(engine, "metadata", prefix, name);
  }

  /** The path that is listed: {@code <engine>[/metadata]/<prefix>}. */
  String listPath() {
    return version == KvVersion.V2 ? GoPath.join(engine, "metadata", prefix) : GoPath.join(engine, prefix);
  }

  /** The path a delete goes to: the entry (v1), or its metadata, i.e. every version (v2). */
  String deletePath(String name) {
    return version == KvVersion.V2 ? metadataPath(name) : entryPath(name);
  }
}
