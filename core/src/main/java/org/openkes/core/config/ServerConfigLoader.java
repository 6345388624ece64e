package org.openkes.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.openkes.core.codec.GoDuration;
import org.openkes.core.config.ServerConfig.Api;
import org.openkes.core.config.ServerConfig.Cache;
import org.openkes.core.config.ServerConfig.Log;
import org.openkes.core.config.ServerConfig.Policy;
import org.openkes.core.config.ServerConfig.Proxy;
import org.openkes.core.config.ServerConfig.Tls;
import org.openkes.core.key.KeyName;

/**
 * Reads and validates a KES server config (kes-compat.md §4.1–4.2, §2.4–2.5, §4.8).
 *
 * <p>Three passes, so errors come in a predictable order:
 *
 * <ol>
 *   <li>{@code version} (KES checks it before anything else);
 *   <li>every field in file order: unknown fields, shapes, {@code ${VAR}}s, durations, booleans;
 *   <li>KES's checks in KES's order: admin, tls.key, tls.cert, tls.auth, proxies vs admin,
 *       policy identities vs admin/proxies, cache any/unused/offline, log.error, log.audit, api
 *       timeouts, duplicate keys, keystore; then what the KES server checks at startup: policy
 *       names and identities (§2.5), then predefined key names (§4.8, validated by us).
 * </ol>
 *
 * Unknown fields are errors here (KES ignores them) at the top level and in every section we
 * model; the {@code keystore} section is left to the keystore providers. TLS files are never
 * opened here.
 */
public final class ServerConfigLoader {
  private ServerConfigLoader() {}

  private static final Set<String> TOP_LEVEL =
      Set.of(
          "version", "address", "admin", "tls", "policy", "cache", "api", "log", "keys",
          "keystore");

  /** Loads {@code file}, resolving {@code ${VAR}} from the process environment. */
  public static ServerConfig load(Path file) throws ConfigException {
    return load(file, System::getenv);
  }

  /** Loads {@code file}; {@code env} returns a variable's value or null when it is unset. */
  public static ServerConfig load(Path file, Function<String, String> env)
      throws ConfigException {
    return load(YamlSection.readTree(file, env));
  }

  /** Loads YAML text; {@code name} is how errors call it (normally the file name). */
  public static ServerConfig parse(String name, String yaml, Function<String, String> env)
      throws ConfigException {
    return load(YamlSection.parse(name, yaml, env));
  }

  /**
   * Loads a config from a root section made by {@link YamlSection} or {@link MapSection}.
   *
   * @throws IllegalArgumentException for any other Section
   */
  public static ServerConfig load(Section root) throws ConfigException {
    TreeSection t = root(root);
    checkVersion(t);
    Draft d = new Draft(t);
    d.read();
    return d.validate();
  }

  /**
   * Only the {@code keystore} section of {@code file}, for {@code kes migrate}: the rest of a
   * full server config may be there (its TLS files need not exist, admin and tls need not be
   * set) or not at all. Checks {@code version}, unknown top-level fields and that {@code
   * keystore} is a non-empty mapping.
   */
  public static Section loadKeystore(Path file, Function<String, String> env)
      throws ConfigException {
    return keystore(YamlSection.readTree(file, env));
  }

  /** {@link #loadKeystore(Path, Function)} for YAML text. */
  public static Section parseKeystore(String name, String yaml, Function<String, String> env)
      throws ConfigException {
    return keystore(YamlSection.parse(name, yaml, env));
  }

  /** {@link #loadKeystore(Path, Function)} for a root section. */
  public static Section keystore(Section root) throws ConfigException {
    TreeSection t = root(root);
    checkVersion(t);
    for (String key : t.keys()) {
      if (!TOP_LEVEL.contains(key)) {
        throw unknownField(t, key);
      }
    }
    return requireKeystore(t, t.mapping("keystore"));
  }

  private static TreeSection root(Section root) {
    if (root instanceof TreeSection t && t.path().isEmpty()) {
      return t;
    }
    throw new IllegalArgumentException(
        "expected a root section made by YamlSection or MapSection, got " + root);
  }

  /** KES reads {@code version} raw (no env) before decoding anything else. */
  private static void checkVersion(TreeSection root) throws ConfigException {
    if (!root.has("version")) {
      return;
    }
    if (root.isCollection("version")) {
      int line = root.valueLine("version");
      throw root.valueError(
          "version",
          line > 0
              ? "kesconf: invalid config version at line '" + line + "'"
              : "kesconf: invalid config version");
    }
    String v = root.rawScalar("version").orElse("");
    if (!v.isEmpty() && !v.equals("v1")) {
      throw root.valueError("version", "edge: invalid server config version '" + v + "'");
    }
  }

  private static Section requireKeystore(TreeSection root, Optional<TreeSection> keystore)
      throws ConfigException {
    // Which backend, and whether it is complete, is for the keystore registry to say.
    if (keystore.isEmpty() || keystore.get().keys().isEmpty()) {
      throw root.error("keystore", "kesconf: no keystore specified");
    }
    return keystore.get();
  }

  private static ConfigException unknownField(TreeSection s, String key) {
    String path = s.childPath(key);
    String hint =
        switch (path) {
          case "root" -> " (KES v0.24 reads the admin identity from 'admin.identity')";
          default -> path.startsWith("policy.") && key.equals("paths")
              ? " (KES v0.24 uses 'allow' and 'deny')"
              : "";
        };
    return s.error(key, "unknown field '" + path + "'" + hint);
  }

  /** The decoded fields, with the sections they came from so that errors can point at them. */
  private static final class Draft {
    private final TreeSection root;

    String address = "";
    String admin = "";
    TreeSection tls;
    String tlsKey = "";
    String tlsCert = "";
    String tlsPassword = "";
    String tlsAuth = "";
    String tlsCa = "";
    TreeSection proxy;
    List<String> proxies = List.of();
    String proxyHeader = "";
    TreeSection policySection;
    final Map<String, Policy> policies = new LinkedHashMap<>();
    final Map<String, TreeSection> policySections = new HashMap<>();
    TreeSection expiry;
    Duration cacheAny = Duration.ZERO;
    Duration cacheUnused = Duration.ZERO;
    Duration cacheOffline = Duration.ZERO;
    TreeSection apiSection;
    final Map<String, Api> api = new LinkedHashMap<>();
    final Map<String, TreeSection> apiSections = new HashMap<>();
    TreeSection log;
    String logError = "";
    String logAudit = "";
    final List<TreeSection> keySections = new ArrayList<>();
    final List<String> keys = new ArrayList<>();
    Optional<TreeSection> keystore = Optional.empty();

    Draft(TreeSection root) {
      this.root = root;
    }

    // ---- pass 2: every field, in file order ----

    void read() throws ConfigException {
      for (String key : root.keys()) {
        switch (key) {
          case "version" -> {} // checked first
          case "address" -> address = str(root, key);
          case "admin" -> readAdmin(root.mapping(key));
          case "tls" -> readTls(root.mapping(key));
          case "policy" -> readPolicies(root.mapping(key));
          case "cache" -> readCache(root.mapping(key));
          case "api" -> readApi(root.mapping(key));
          case "log" -> readLog(root.mapping(key));
          case "keys" -> readKeys(root.mappings(key));
          case "keystore" -> keystore = root.mapping(key); // the providers read it
          default -> throw unknownField(root, key);
        }
      }
    }

    private void readAdmin(Optional<TreeSection> section) throws ConfigException {
      if (section.isEmpty()) {
        return;
      }
      TreeSection s = section.get();
      for (String key : s.keys()) {
        switch (key) {
          case "identity" -> admin = str(s, key);
          default -> throw unknownField(s, key);
        }
      }
    }

    private void readTls(Optional<TreeSection> section) throws ConfigException {
      if (section.isEmpty()) {
        return;
      }
      TreeSection s = tls = section.get();
      for (String key : s.keys()) {
        switch (key) {
          case "key" -> tlsKey = str(s, key);
          case "cert" -> tlsCert = str(s, key);
          case "password" -> tlsPassword = str(s, key);
          case "auth" -> tlsAuth = str(s, key);
          case "ca" -> tlsCa = str(s, key);
          case "proxy" -> readProxy(s.mapping(key));
          default -> throw unknownField(s, key);
        }
      }
    }

    private void readProxy(Optional<TreeSection> section) throws ConfigException {
      if (section.isEmpty()) {
        return;
      }
      TreeSection s = proxy = section.get();
      for (String key : s.keys()) {
        switch (key) {
          case "identities" -> proxies = s.strings(key);
          case "header" -> {
            Optional<TreeSection> header = s.mapping(key);
            if (header.isPresent()) {
              for (String h : header.get().keys()) {
                switch (h) {
                  case "cert" -> proxyHeader = str(header.get(), h);
                  default -> throw unknownField(header.get(), h);
                }
              }
            }
          }
          default -> throw unknownField(s, key);
        }
      }
    }

    private void readPolicies(Optional<TreeSection> section) throws ConfigException {
      if (section.isEmpty()) {
        return;
      }
      policySection = section.get();
      for (String name : policySection.keys()) {
        List<String> allow = List.of();
        List<String> deny = List.of();
        List<String> identities = List.of();
        Optional<TreeSection> p = policySection.mapping(name);
        if (p.isPresent()) {
          TreeSection s = p.get();
          policySections.put(name, s);
          for (String key : s.keys()) {
            switch (key) {
              // Patterns are taken literally: KES does not substitute ${VAR} in them.
              case "allow" -> allow = distinct(s.rawStrings(key));
              case "deny" -> deny = distinct(s.rawStrings(key));
              case "identities" -> identities = s.strings(key);
              default -> throw unknownField(s, key);
            }
          }
        }
        policies.put(name, new Policy(allow, deny, identities));
      }
    }

    private void readCache(Optional<TreeSection> section) throws ConfigException {
      if (section.isEmpty()) {
        return;
      }
      TreeSection c = section.get();
      for (String key : c.keys()) {
        switch (key) {
          case "expiry" -> {
            Optional<TreeSection> e = c.mapping(key);
            if (e.isPresent()) {
              TreeSection s = expiry = e.get();
              for (String k : s.keys()) {
                switch (k) {
                  case "any" -> cacheAny = dur(s, k);
                  case "unused" -> cacheUnused = dur(s, k);
                  case "offline" -> cacheOffline = dur(s, k);
                  default -> throw unknownField(s, k);
                }
              }
            }
          }
          default -> throw unknownField(c, key);
        }
      }
    }

    private void readApi(Optional<TreeSection> section) throws ConfigException {
      if (section.isEmpty()) {
        return;
      }
      apiSection = section.get();
      for (String path : apiSection.keys()) {
        Duration timeout = Duration.ZERO;
        boolean skipAuth = false;
        Optional<TreeSection> a = apiSection.mapping(path);
        if (a.isPresent()) {
          TreeSection s = a.get();
          apiSections.put(path, s);
          for (String key : s.keys()) {
            switch (key) {
              case "timeout" -> timeout = dur(s, key);
              case "skip_auth" -> skipAuth = s.bool(key).orElse(false);
              default -> throw unknownField(s, key);
            }
          }
        }
        api.put(path, new Api(timeout, skipAuth));
      }
    }

    private void readLog(Optional<TreeSection> section) throws ConfigException {
      if (section.isEmpty()) {
        return;
      }
      TreeSection s = log = section.get();
      for (String key : s.keys()) {
        switch (key) {
          case "error" -> logError = str(s, key);
          case "audit" -> logAudit = str(s, key);
          default -> throw unknownField(s, key);
        }
      }
    }

    private void readKeys(List<TreeSection> items) throws ConfigException {
      for (TreeSection s : items) {
        String name = "";
        for (String key : s.keys()) {
          switch (key) {
            case "name" -> name = str(s, key);
            default -> throw unknownField(s, key);
          }
        }
        keySections.add(s);
        keys.add(name);
      }
    }

    // ---- pass 3: KES's checks, in KES's order ----

    ServerConfig validate() throws ConfigException {
      if (admin.isEmpty()) {
        throw root.error("admin.identity", "kesconf: invalid admin identity: no admin identity");
      }
      if (tlsKey.isEmpty()) {
        throw root.error("tls.key", "kesconf: invalid tls config: no private key");
      }
      if (tlsCert.isEmpty()) {
        throw root.error("tls.cert", "kesconf: invalid tls config: no certificate");
      }
      String auth = tlsAuth.toLowerCase(Locale.ROOT);
      if (!auth.isEmpty() && !auth.equals("on") && !auth.equals("off")) {
        // Real KES prints its wrapper struct here ("{ maybe}"); the plain value reads better.
        throw tls.valueError("auth", "kesconf: invalid tls config: invalid auth '" + tlsAuth + "'");
      }
      for (int i = 0; i < proxies.size(); i++) {
        if (proxies.get(i).equals(admin)) {
          throw proxy.itemError(
              "identities",
              i,
              "kesconf: invalid tls proxy: identity '" + proxies.get(i) + "' is already admin");
        }
      }
      for (Map.Entry<String, Policy> p : policies.entrySet()) {
        List<String> ids = p.getValue().identities();
        for (int i = 0; i < ids.size(); i++) {
          String prefix = "kesconf: invalid policy '" + p.getKey() + "': identity '" + ids.get(i);
          if (ids.get(i).equals(admin)) {
            throw policySections.get(p.getKey()).itemError("identities", i, prefix + "' is already admin");
          }
          if (proxies.contains(ids.get(i))) {
            throw policySections
                .get(p.getKey())
                .itemError("identities", i, prefix + "' is already a TLS proxy");
          }
        }
      }
      checkNotNegative(cacheAny, "any", "kesconf: invalid cache expiry '%s'");
      checkNotNegative(cacheUnused, "unused", "kesconf: invalid cache unused expiry '%s'");
      checkNotNegative(cacheOffline, "offline", "kesconf: invalid offline cache expiry '%s'");
      LogLevel errorLevel = level(logError, "error");
      LogLevel auditLevel = level(logAudit, "audit");
      for (Map.Entry<String, Api> a : api.entrySet()) {
        if (a.getValue().timeout().isNegative()) {
          throw apiSections
              .get(a.getKey())
              .valueError(
                  "timeout",
                  "kesconf: invalid timeout '"
                      + a.getValue().timeout().toNanos()
                      + "' for API '"
                      + a.getKey()
                      + "'");
        }
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < keys.size(); i++) {
        if (!seen.add(keys.get(i))) {
          throw keySections
              .get(i)
              .valueError(
                  "name",
                  "kesconf: invalid key config: key '" + keys.get(i) + "' is defined multiple times");
        }
      }
      Section keystoreSection = requireKeystore(root, keystore);
      validatePolicies();
      validateKeyNames();

      return new ServerConfig(
          address,
          admin,
          new Tls(
              tlsKey,
              tlsCert,
              tlsPassword,
              auth.equals("on"),
              tlsCa,
              new Proxy(proxies, proxyHeader)),
          api,
          policies,
          // Intended KES defaults, not the real server's bug (see ServerConfig.Cache).
          new Cache(
              cacheAny.isZero() ? Cache.DEFAULT_ANY : cacheAny,
              cacheUnused.isZero() ? Cache.DEFAULT_UNUSED : cacheUnused,
              cacheOffline),
          new Log(errorLevel, auditLevel),
          keys,
          keystoreSection,
          warnings());
    }

    /** What the KES server checks when it installs the policies (§2.5). */
    private void validatePolicies() throws ConfigException {
      Map<String, String> assigned = new HashMap<>();
      for (Map.Entry<String, Policy> p : policies.entrySet()) {
        String name = p.getKey();
        if (!KeyName.isValid(name)) {
          throw policySection.error(
              name, "kes: policy name '" + name + "' is empty, too long or contains invalid characters");
        }
        List<String> ids = p.getValue().identities();
        for (int i = 0; i < ids.size(); i++) {
          String id = ids.get(i);
          if (!KeyName.isValid(id)) {
            throw policySections
                .get(name)
                .itemError(
                    "identities",
                    i,
                    "kes: identity '" + id + "' is empty, too long or contains invalid characters");
          }
          if (assigned.putIfAbsent(id, name) != null) {
            throw policySections
                .get(name)
                .itemError(
                    "identities",
                    i,
                    "kes: cannot assign policy '"
                        + name
                        + "' to '"
                        + id
                        + "': identity already has a policy");
          }
        }
      }
    }

    /** KES creates predefined keys without checking names (quirk Q10); we check (§4.8). */
    private void validateKeyNames() throws ConfigException {
      for (int i = 0; i < keys.size(); i++) {
        if (!KeyName.isValid(keys.get(i))) {
          throw keySections
              .get(i)
              .valueError(
                  "name",
                  "kes: predefined key name '"
                      + keys.get(i)
                      + "' is empty, too long or contains invalid characters");
        }
      }
    }

    private List<String> warnings() {
      List<String> out = new ArrayList<>();
      for (String path : api.keySet()) {
        if (!ApiPaths.isRoute(path)) {
          String hint =
              ApiPaths.isRoute(path + "/") ? " (did you mean '" + path + "/'?)" : "";
          out.add(
              apiSection
                  .error(path, "api path '" + path + "' matches no route and is ignored" + hint)
                  .getMessage());
        }
      }
      if (!proxies.isEmpty()) {
        out.add(
            proxy
                .error(
                    "identities",
                    "tls.proxy is checked but otherwise ignored, as in KES v0.24: requests from a"
                        + " proxy are authenticated as the proxy itself")
                .getMessage());
      }
      return out;
    }

    private void checkNotNegative(Duration d, String key, String format)
        throws ConfigException {
      if (d.isNegative()) {
        throw expiry.valueError(key, String.format(format, GoDuration.format(d)));
      }
    }

    private LogLevel level(String value, String key) throws ConfigException {
      try {
        return LogLevel.parse(value);
      } catch (ConfigException e) {
        throw log.valueError(key, e.getMessage());
      }
    }

    private static String str(TreeSection s, String key) throws ConfigException {
      return s.string(key).orElse("");
    }

    private static Duration dur(TreeSection s, String key) throws ConfigException {
      return s.duration(key).orElse(Duration.ZERO);
    }

    private static List<String> distinct(List<String> patterns) {
      return List.copyOf(new LinkedHashSet<>(patterns));
    }
  }
}
