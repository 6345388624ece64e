package org.openkes.keystores.vault;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.openkes.core.config.ConfigException;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.core.keystore.ListPage;
import org.openkes.keystores.vault.VaultClient.Call;
import org.openkes.keystores.vault.VaultClient.Reply;
import org.openkes.keystores.vault.VaultConfig.KvVersion;
import org.openkes.keystores.vault.VaultConfig.Transit;

/**
 * Master keys as entries of a Vault (or OpenBao) K/V engine, exactly where and how real KES
 * v0.24 keeps them (keystores.md §4.2), so either can read what the other wrote:
 *
 * <pre>
 *   K/V v1: &lt;engine&gt;/&lt;prefix&gt;/&lt;name&gt;       data {"&lt;name&gt;": "&lt;value&gt;"}
 *   K/V v2: &lt;engine&gt;/data/&lt;prefix&gt;/&lt;name&gt;  data {"&lt;name&gt;": "&lt;value&gt;"}, written with cas 0, read at version 1
 * </pre>
 *
 * <p>Where we differ from real KES, on purpose: a K/V v2 check-and-set conflict is "key exists"
 * (not an error); K/V v1 creates are serialised per name within this process and read back; a
 * transit ciphertext of any key version ({@code vault:vN:}) is accepted; listing an empty path
 * (Vault answers 404) is an empty list and sub-folders are not keys; a timeout or refused
 * connection is "unreachable". The full list is in keystores/vault/README.md.
 */
public final class VaultKeyStore implements KeyStore {
  /** A transit ciphertext: {@code vault:v<key version>:<base64>}. */
  private static final Pattern TRANSIT_CIPHERTEXT = Pattern.compile("^vault:v[0-9]+:");
  private static final String SEALED = "vault: key store is sealed";
  private static final int CREATE_STRIPES = 64;

  private final VaultConfig config;
  private final VaultClient client;
  private final TokenSession session;
  private final ScheduledExecutorService scheduler;
  private final ReentrantLock[] createLocks = new ReentrantLock[CREATE_STRIPES];
  /** What the last health check said; while set, calls fail at once as in real KES. */
  private volatile boolean sealed;

  private VaultKeyStore(VaultConfig config, VaultClient client) {
    this.config = config;
    this.client = client;
    for (int i = 0; i < createLocks.length; i++) {
      createLocks[i] = new ReentrantLock();
    }
    this.scheduler = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("vault-keystore").factory());
    this.session = new TokenSession(client, config.auth(), config.namespace(), scheduler, () -> sealed);
  }

  /** Connects and logs in with the default timeouts and retries. */
  public static VaultKeyStore open(VaultConfig config) throws ConfigException, KeyStoreException {
    return open(config, VaultClient.Options.DEFAULT);
  }

  static VaultKeyStore open(VaultConfig config, VaultClient.Options options) throws ConfigException, KeyStoreException {
    SSLContext tls = config.endpoint().getScheme().equalsIgnoreCase("https")
        || !config.tls().ca().isEmpty() || !config.tls().key().isEmpty()
        ? TlsContexts.build(config.tls())
        : null;
    VaultKeyStore store = new VaultKeyStore(config, new VaultClient(config.endpoint(), tls, options));
    try {
      store.session.start();
    } catch (KeyStoreException.Unreachable e) {
      KeyStoreException.Unreachable why = store.uninitialised().orElse(e); // an uninitialised Vault also answers "sealed"
      store.close();
      throw why;
    } catch (KeyStoreException | RuntimeException e) {
      store.close();
      throw e;
    }
    long ping = config.statusPing().toNanos();
    store.scheduler.scheduleWithFixedDelay(store::ping, 0, ping, TimeUnit.NANOSECONDS);
    return store;
  }

  VaultConfig config() {
    return config;
  }

  TokenSession session() {
    return session;
  }

  @Override
  public void create(String name, byte[] value) throws KeyStoreException {
    checkName(name);
    checkSealed();
    String location = config.entryPath(name);
    // K/V v1 has no check-and-set, so "read, then write" races. Serialising creates of one name
    // closes the race within this process; across processes K/V v2 is the safe choice.
    ReentrantLock lock = config.version() == KvVersion.V1 ? createLocks[Math.floorMod(name.hashCode(), CREATE_STRIPES)] : null;
    if (lock != null) {
      lock.lock();
    }
    try {
      Reply existing = session.send(get(location, Map.of()));
      if (existing.ok()) {
        if (entryValue(existing, name) != null) {
          throw new KeyStoreException.KeyExists(name);
        }
        throw new KeyStoreException.Failure(config.version() == KvVersion.V1
            ? "vault: entry exist but failed to read '" + location + "': invalid K/V v1 format"
            : "vault: failed to read '" + location + "': entry exists but no secret key is present", null);
      } else if (existing.status() != 404) {
        throw error(existing, "create", location);
      } else if (softDeleted(existing)) {
        throw new KeyStoreException.Failure("vault: failed to create '" + location + "': the entry exists but its"
            + " latest version is deleted; undelete it, or delete the key (all versions) first", null);
      }

      String stored = config.transit().isPresent()
          ? encrypt(config.transit().get(), value, location)
          : new String(value, StandardCharsets.UTF_8);
      Object body = config.version() == KvVersion.V2
          ? Map.of("options", Map.of("cas", 0), "data", Map.of(name, stored))
          : Map.of(name, stored);
      Reply written = session.send(new Call("PUT", location, Map.of(), body, config.namespace(), null));
      if (written.ok()) {
        if (config.version() == KvVersion.V1) {
          // Another process may have written between our read and our write (last one wins):
          // report "exists" if the entry is not ours now.
          String now = entryValue(session.send(get(location, Map.of())), name);
          if (now != null && !now.equals(stored)) {
            throw new KeyStoreException.KeyExists(name);
          }
        }
        return;
      }
      if (config.version() == KvVersion.V2 && written.status() == 400 && written.hasError("check-and-set")) {
        // Someone created it between our read and our write; or our own earlier attempt did
        // (the answer was lost and the write retried): then the entry holds our value.
        if (written.maybeRepeated() && stored.equals(entryValue(session.send(get(location, Map.of("version", "1"))), name))) {
          return;
        }
        throw new KeyStoreException.KeyExists(name);
      }
      throw error(written, "create", location);
    } finally {
      if (lock != null) {
        lock.unlock();
      }
    }
  }

  @Override
  public byte[] get(String name) throws KeyStoreException {
    checkName(name);
    checkSealed();
    String location = config.entryPath(name);
    // K/V v2: the first version, the one KES wrote; later versions written by others are ignored.
    Reply r = session.send(get(location, config.version() == KvVersion.V2 ? Map.of("version", "1") : Map.of()));
    if (r.status() == 404) {
      if (softDeleted(r)) {
        // The material is gone for now but can be undeleted: not "no such key".
        throw new KeyStoreException.Failure("vault: failed to read '" + location
            + "': version 1 of the entry is deleted; undelete it (or delete the key's metadata)", null);
      }
      throw new KeyStoreException.KeyNotFound(name);
    }
    if (!r.ok()) {
      throw error(r, "read", location);
    }
    JsonNode data = config.version() == KvVersion.V2 ? r.data().path("data") : r.data();
    if (!data.isObject()) {
      throw new KeyStoreException.Failure("vault: failed to read '" + location + "': invalid K/V "
          + config.version() + " format: missing 'data' entry", null);
    }
    JsonNode field = data.get(name);
    if (field == null || field.isNull()) {
      throw new KeyStoreException.Failure("vault: failed to read '" + location + "': entry exists but no secret key is present", null);
    }
    if (!field.isTextual()) {
      throw new KeyStoreException.Failure("vault: failed to read '" + location + "': invalid K/V format", null);
    }
    String value = field.asText();
    if (TRANSIT_CIPHERTEXT.matcher(value).find()) {
      if (config.transit().isEmpty()) {
        throw new KeyStoreException.Failure("vault: failed to read '" + location
            + "': key is encrypted with vault transit key (configure keystore.vault.transit)", null);
      }
      return decrypt(config.transit().get(), value, location);
    }
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void delete(String name) throws KeyStoreException {
    checkName(name);
    checkSealed();
    // K/V v2: the metadata, i.e. every version, so the name is free again (as real KES).
    String location = config.deletePath(name);
    Reply r = session.send(new Call("DELETE", location, Map.of(), null, config.namespace(), null));
    if (!r.ok() && r.status() != 404) {
      throw error(r, "delete", location);
    }
  }

  @Override
  public boolean reportsMissingOnDelete() {
    return false; // Vault deletes are idempotent; real KES reports success too
  }

  @Override
  public ListPage list(String prefix, String continueAfter, int limit) throws KeyStoreException {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    checkSealed();
    String location = config.listPath();
    // Vault lists a whole folder in one answer; there is no server-side paging to use.
    Reply r = session.send(get(location, Map.of("list", "true")));
    if (r.status() == 404) {
      return ListPage.last(List.of()); // Vault's answer for a folder with nothing in it
    }
    if (!r.ok()) {
      throw error(r, "list", location);
    }
    JsonNode keys = r.data().path("keys");
    if (!keys.isArray()) {
      throw new KeyStoreException.Failure("vault: failed to list '" + location + "': invalid key listing format", null);
    }
    String p = prefix == null ? "" : prefix;
    List<String> names = new ArrayList<>(keys.size());
    for (JsonNode k : keys) {
      String n = k.asText();
      // "tenant/" is a sub-folder (another prefix's keys), not a key.
      if (!n.isEmpty() && !n.endsWith("/") && n.startsWith(p) && (continueAfter == null || n.compareTo(continueAfter) > 0)) {
        names.add(n);
      }
    }
    names.sort(null);
    if (names.size() <= limit) {
      return ListPage.last(names);
    }
    List<String> page = names.subList(0, limit);
    return new ListPage(page, page.get(limit - 1));
  }

  @Override
  public Duration status() throws KeyStoreException {
    long start = System.nanoTime();
    Health h = health(client.options().withAttempts(Math.min(2, client.options().attempts())));
    sealed = h.sealed();
    if (!h.initialized()) {
      throw new KeyStoreException.Unreachable("vault: not initialized", null);
    }
    if (h.sealed()) {
      throw new KeyStoreException.Unreachable(SEALED, null);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Override
  public String description() {
    // Real KES says "Hashicorp Vault: <endpoint>"; we add where in Vault, so that two mounts of
    // one Vault are told apart (kes migrate refuses to migrate a keystore onto itself).
    StringBuilder b = new StringBuilder("Hashicorp Vault: ").append(config.endpoint()).append(" (");
    if (!config.namespace().isEmpty()) {
      b.append("namespace ").append(config.namespace()).append(", ");
    }
    b.append("K/V ").append(config.version()).append(" at ").append(GoPath.join(config.engine(), config.prefix()));
    config.transit().ifPresent(t -> b.append(", transit key ").append(GoPath.join(t.engine(), t.key())));
    return b.append(')').toString();
  }

  @Override
  public void close() {
    session.close();
    scheduler.shutdownNow();
    client.close();
  }

  @Override
  public String toString() {
    return description();
  }

  // --- internals -------------------------------------------------------------------------

  /** What {@code sys/health} says. */
  record Health(boolean initialized, boolean sealed, boolean standby) {}

  /**
   * {@code GET sys/health} with every state answering 2xx, as Vault's Go client asks. Never with
   * the namespace header: it is a root-only path (a namespaced call can 404).
   */
  Health health(VaultClient.Options options) throws KeyStoreException {
    Map<String, String> q = Map.of("uninitcode", "299", "sealedcode", "299", "standbycode", "299",
        "drsecondarycode", "299", "performancestandbycode", "299");
    Reply r = client.send(new Call("GET", "sys/health", q, null, "", null), options);
    if (!r.ok() || !r.body().isObject()) {
      throw new KeyStoreException.Unreachable("vault: health check at " + config.endpoint() + " failed: " + r.errors(), null);
    }
    JsonNode b = r.body();
    return new Health(b.path("initialized").asBoolean(false), b.path("sealed").asBoolean(false), b.path("standby").asBoolean(false));
  }

  /** "not initialized" if the health check says so. */
  private Optional<KeyStoreException.Unreachable> uninitialised() {
    try {
      if (!health(client.options().withAttempts(1)).initialized()) {
        return Optional.of(new KeyStoreException.Unreachable("vault: not initialized", null));
      }
    } catch (KeyStoreException | RuntimeException e) {
      // unreachable: the original error says it
    }
    return Optional.empty();
  }

  /** The background check that real KES runs every {@code status.ping}. */
  private void ping() {
    try {
      sealed = health(client.options().withAttempts(1)).sealed();
    } catch (KeyStoreException | RuntimeException e) {
      // Unreachable: keep the last known state (real KES does the same).
    }
  }

  private Call get(String location, Map<String, String> query) {
    return new Call("GET", location, query, null, config.namespace(), null);
  }

  /**
   * Whether a K/V v2 404 is about a deleted version of an entry that still exists: Vault then
   * answers with the version's metadata (its {@code deletion_time}) instead of nothing.
   */
  private boolean softDeleted(Reply r) {
    return config.version() == KvVersion.V2 && r.data().path("metadata").isObject();
  }

  /** The value stored under {@code name} in a read answer, or null if there is none. */
  private String entryValue(Reply r, String name) {
    if (!r.ok()) {
      return null;
    }
    JsonNode data = config.version() == KvVersion.V2 ? r.data().path("data") : r.data();
    JsonNode field = data.get(name);
    return field == null || !field.isTextual() ? null : field.asText();
  }

  private String encrypt(Transit t, byte[] value, String location) throws KeyStoreException {
    String path = GoPath.join(t.engine(), "encrypt", t.key());
    Reply r = session.send(new Call("POST", path, Map.of(),
        Map.of("plaintext", Base64.getEncoder().encodeToString(value)), config.namespace(), null));
    if (!r.ok()) {
      throw error(r, "create", location + "' (transit encrypt at '" + path);
    }
    String ciphertext = r.data().path("ciphertext").asText("");
    // Real KES accepts only vault:v1: and so fails every create after the transit key is rotated.
    if (!TRANSIT_CIPHERTEXT.matcher(ciphertext).find()) {
      throw new KeyStoreException.Failure("vault: failed to create '" + location
          + "': failed to encrypt key: invalid vault response from '" + path + "'", null);
    }
    return ciphertext;
  }

  private byte[] decrypt(Transit t, String ciphertext, String location) throws KeyStoreException {
    String path = GoPath.join(t.engine(), "decrypt", t.key());
    Reply r = session.send(new Call("POST", path, Map.of(), Map.of("ciphertext", ciphertext), config.namespace(), null));
    if (!r.ok()) {
      throw error(r, "read", location + "' (transit decrypt at '" + path);
    }
    String plaintext = r.data().path("plaintext").asText("");
    try {
      return Base64.getDecoder().decode(plaintext);
    } catch (IllegalArgumentException e) {
      throw new KeyStoreException.Failure("vault: failed to read '" + location
          + "': failed to decrypt key: invalid vault response from '" + path + "'", e);
    }
  }

  private void checkSealed() throws KeyStoreException.Unreachable {
    if (sealed) {
      throw new KeyStoreException.Unreachable(SEALED, null);
    }
  }

  /** Names become path segments: nothing that could leave the prefix or split a segment. */
  private static void checkName(String name) throws KeyStoreException.Invalid {
    if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0) {
      throw new KeyStoreException.Invalid("vault: invalid key name '" + name + "'");
    }
  }

  /** One sentence for a Vault answer that is not what the operation expects. */
  private KeyStoreException error(Reply r, String op, String location) {
    String what = "vault: failed to " + op + " '" + location + "': ";
    if (r.status() == 503 && r.hasError("sealed")) {
      sealed = true;
      return new KeyStoreException.Unreachable(SEALED, null);
    }
    if (r.status() == 403) {
      return new KeyStoreException.Failure(what + r.errors() + ": the Vault token's policy does not allow this"
          + " (or the token is no longer valid; it comes from the " + config.auth().method() + " method)", null);
    }
    if (r.status() >= 300 && r.status() < 400) {
      return new KeyStoreException.Failure(what + "Vault answered with a redirect (HTTP " + r.status()
          + "); set keystore.vault.endpoint to the active node or to the load balancer", null);
    }
    if (r.status() == 502 || r.status() == 503 || r.status() == 504) {
      return new KeyStoreException.Unreachable(what + r.errors(), null);
    }
    return new KeyStoreException.Failure(what + r.errors(), null);
  }
}
