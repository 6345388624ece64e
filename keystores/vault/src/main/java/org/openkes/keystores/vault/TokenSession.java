package org.openkes.keystores.vault;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.keystores.vault.VaultClient.Call;
import org.openkes.keystores.vault.VaultClient.Reply;
import org.openkes.keystores.vault.VaultConfig.AppRole;
import org.openkes.keystores.vault.VaultConfig.Auth;
import org.openkes.keystores.vault.VaultConfig.Kubernetes;

/**
 * The Vault token the keystore works with: obtained by the configured method, renewed (or
 * obtained anew) before it expires, and obtained anew when Vault rejects it.
 *
 * <p>Real KES (keystores.md §4.4) renews at 80 % of the TTL, up to 3 times, and logs in again
 * if that fails; it then waits 30 s before switching to a new token. We switch at once (the
 * old token is still valid, and Vault replicates tokens before it answers a login on the active
 * node), and we also log in again right away when Vault answers 403 to a token that expired or
 * was revoked behind our back, so one lost renewal does not fail requests for a whole period.
 */
final class TokenSession {
  private static final System.Logger LOG = System.getLogger(TokenSession.class.getName());
  /** Renew after this share of the TTL has passed, as real KES does. */
  private static final double RENEW_AT = 0.8;
  /** After a failed renewal or login, try again this soon (real KES: 3 s). */
  private static final Duration RETRY = Duration.ofSeconds(3);
  /** A 403 triggers a new login only for a token at least this old (at most one login per period). */
  private static final Duration MIN_TOKEN_AGE_FOR_REFRESH = Duration.ofSeconds(2);

  /** A Vault token and what Vault said about it. */
  record Token(String id, Duration ttl, boolean renewable, long obtainedNanos) {
    boolean expires() {
      return !ttl.isZero();
    }

    @Override
    public String toString() {
      return "Token[ttl=" + ttl + ", renewable=" + renewable + "]"; // never the id
    }
  }

  private final VaultClient client;
  private final Auth auth;
  private final String storeNamespace;
  private final ScheduledExecutorService scheduler;
  private final BooleanSupplier sealed;
  private final AtomicInteger logins = new AtomicInteger();
  private final AtomicInteger renewals = new AtomicInteger();
  // A ReentrantLock, not a monitor: a login under it must not pin a virtual thread's carrier.
  private final ReentrantLock lock = new ReentrantLock();

  private volatile Token current;
  private Duration grantedTtl = Duration.ZERO; // the TTL of the last login, guarded by lock
  private ScheduledFuture<?> renewal; // guarded by lock
  private boolean closed; // guarded by lock
  private boolean failing; // only touched by the scheduler thread

  TokenSession(VaultClient client, Auth auth, String storeNamespace, ScheduledExecutorService scheduler,
      BooleanSupplier sealed) {
    this.client = client;
    this.auth = auth;
    this.storeNamespace = storeNamespace;
    this.scheduler = scheduler;
    this.sealed = sealed;
  }

  /** Logs in (or checks the static token) and starts the renewal; called once, by open. */
  void start() throws KeyStoreException {
    Token t = login();
    lock.lock();
    try {
      install(t);
    } finally {
      lock.unlock();
    }
  }

  /** Stops renewing. The token is left to expire (real KES does not revoke it either). */
  void close() {
    lock.lock();
    try {
      closed = true;
      if (renewal != null) {
        renewal.cancel(false);
      }
    } finally {
      lock.unlock();
    }
  }

  int logins() {
    return logins.get();
  }

  int renewals() {
    return renewals.get();
  }

  /** The token in use (tests only compare it; it is never printed). */
  String tokenId() {
    return current.id();
  }

  /**
   * Sends {@code call} with the current token. If Vault answers 403 (an expired or revoked
   * token looks exactly like a missing permission) and a fresh token can be had, it is
   * obtained and the call is sent once more.
   */
  Reply send(Call call) throws KeyStoreException {
    Token used = current;
    Reply r = client.send(call.withToken(used.id()));
    if (r.status() != 403 || !canRefresh()) {
      return r;
    }
    if (!refreshIfStale(used)) {
      return r; // a fresh token would be the same; the 403 is a real permission problem
    }
    return client.send(call.withToken(current.id()));
  }

  /** Whether a 403 can be answered by getting a new token. */
  private boolean canRefresh() {
    return !(auth instanceof VaultConfig.Token t) || t.isFile();
  }

  /**
   * Replaces {@code stale} with a new token unless another thread already did; returns false if
   * the new token is the one that was rejected (a static token file that did not change).
   */
  private boolean refreshIfStale(Token stale) throws KeyStoreException {
    lock.lock();
    try {
      if (current != stale) {
        return true; // someone else refreshed meanwhile: just retry with theirs
      }
      if (System.nanoTime() - stale.obtainedNanos() < MIN_TOKEN_AGE_FOR_REFRESH.toNanos()) {
        return false; // a brand-new token: the 403 is about the policy; do not hammer the login
      }
      Token fresh = login();
      if (fresh.id().equals(stale.id())) {
        return false;
      }
      install(fresh);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Makes {@code t} current and schedules its renewal. Caller holds the lock. */
  private void install(Token t) {
    current = t;
    grantedTtl = t.ttl();
    schedule(t);
  }

  private void schedule(Token t) {
    if (renewal != null) {
      renewal.cancel(false);
      renewal = null;
    }
    if (closed || !t.expires()) {
      return; // a token without a TTL never needs renewing
    }
    long delay = (long) (t.ttl().toNanos() * RENEW_AT);
    renewal = scheduler.schedule(this::renewOrLogin, delay, TimeUnit.NANOSECONDS);
  }

  private void retryLater(Token t) {
    lock.lock();
    try {
      if (closed || current != t) {
        return;
      }
      // Try again soon, but well before the token runs out if it still has time left.
      long left = t.ttl().toNanos() - (System.nanoTime() - t.obtainedNanos());
      long delay = left <= 0
          ? RETRY.toNanos()
          : Math.max(Duration.ofMillis(200).toNanos(), Math.min(RETRY.toNanos(), left / 2));
      renewal = scheduler.schedule(this::renewOrLogin, delay, TimeUnit.NANOSECONDS);
    } finally {
      lock.unlock();
    }
  }

  /** The background step: renew the token if Vault allows, else log in again. */
  private void renewOrLogin() {
    Token t = current;
    if (sealed.getAsBoolean()) {
      retryLater(t); // a sealed Vault answers nothing useful; wait until it is unsealed
      return;
    }
    try {
      Token next = null;
      if (t.renewable()) {
        next = renew(t);
      }
      if (next == null && canRefresh()) {
        next = login();
      }
      if (next == null) {
        if (t.renewable()) {
          retryLater(t); // a static token whose renewal failed: try again
        }
        return; // a static token that is not renewable simply runs out; Vault will say so
      }
      lock.lock();
      try {
        if (closed || current != t) {
          return; // replaced meanwhile by a 403-triggered login
        }
        current = next;
        if (next.id().equals(t.id())) {
          schedule(next); // renewed: keep the TTL of the original grant for comparison
        } else {
          install(next);
        }
      } finally {
        lock.unlock();
      }
    } catch (KeyStoreException | RuntimeException e) {
      // Nobody waits for this background step: say why, once per streak of failures. The
      // message names the method and Vault's answer, never a credential.
      if (!failing) {
        LOG.log(System.Logger.Level.WARNING, "vault: cannot renew or replace the Vault token ("
            + auth.method() + "), retrying: " + e.getMessage());
      }
      failing = true;
      retryLater(t);
      return;
    }
    failing = false;
  }

  /**
   * Renews {@code t} (up to 3 tries, as real KES); null if Vault refused or granted so little
   * time (the token's max TTL is near) that logging in again is better.
   */
  private Token renew(Token t) throws KeyStoreException {
    for (int i = 0; i < 3; i++) {
      Reply r = client.send(new Call("PUT", "auth/token/renew-self", Map.of(), Map.of("increment", 0),
          loginNamespace(), t.id()), client.options().withAttempts(1));
      if (r.ok()) {
        Token renewed = fromAuth(r.body().path("auth"), t.id());
        renewals.incrementAndGet();
        Duration floor;
        lock.lock();
        try {
          floor = grantedTtl.dividedBy(3);
        } finally {
          lock.unlock();
        }
        if (renewed.ttl().compareTo(floor) < 0 && canRefresh()) {
          return null; // capped by the max TTL: a login gives a fresh full TTL
        }
        return renewed;
      }
      if (r.status() >= 400 && r.status() < 500) {
        return null; // not renewable after all, or revoked: retrying will not help
      }
    }
    return null;
  }

  /** Obtains a token with the configured method. */
  Token login() throws KeyStoreException {
    return switch (auth) {
      case AppRole a -> loginWith(a, Map.of("role_id", a.id(), "secret_id", a.secret()), a.engine());
      case Kubernetes k -> loginWith(k, Map.of("role", k.role(), "jwt", readJwt(k)), k.engine());
      case VaultConfig.Token t -> lookupStatic(t);
    };
  }

  private Token loginWith(Auth a, Map<String, String> body, String engine) throws KeyStoreException {
    String path = GoPath.join("auth", engine, "login");
    Reply r = client.send(new Call("POST", path, Map.of(), body, loginNamespace(), null));
    if (!r.ok()) {
      throw authError(r, "login at " + path);
    }
    JsonNode authNode = r.body().path("auth");
    String id = authNode.path("client_token").asText("");
    if (id.isEmpty()) {
      throw new KeyStoreException.Failure("vault: " + a.method() + " login at " + path
          + " returned no token (Vault answered HTTP " + r.status() + ")", null);
    }
    logins.incrementAndGet();
    return fromAuth(authNode, id);
  }

  /** Our {@code token:} method: read the token (file or value) and ask Vault what it is. */
  private Token lookupStatic(VaultConfig.Token t) throws KeyStoreException {
    String id = t.token();
    if (t.isFile()) {
      try {
        id = Files.readString(Path.of(t.token())).strip();
      } catch (IOException e) {
        throw new KeyStoreException.Failure("vault: cannot read the token file '" + t.token() + "': " + e.getMessage(), e);
      }
    }
    Reply r = client.send(new Call("GET", "auth/token/lookup-self", Map.of(), null, loginNamespace(), id));
    if (!r.ok()) {
      throw authError(r, "token lookup (auth/token/lookup-self)");
    }
    logins.incrementAndGet();
    JsonNode d = r.data();
    return new Token(id, Duration.ofSeconds(d.path("ttl").asLong(0)), d.path("renewable").asBoolean(false), System.nanoTime());
  }

  private KeyStoreException authError(Reply r, String what) {
    if (r.status() == 503 && r.hasError("sealed")) {
      return new KeyStoreException.Unreachable("vault: key store is sealed", null);
    }
    String msg = "vault: " + auth.method() + " authentication failed: " + what + " answered: " + r.errors()
        + hint();
    return r.status() >= 500
        ? new KeyStoreException.Unreachable(msg, null)
        : new KeyStoreException.Failure(msg, null);
  }

  private String hint() {
    return switch (auth) {
      case AppRole a -> "; check keystore.vault.approle.id and .secret (and that the AppRole is mounted at '" + a.engine() + "')";
      case Kubernetes k -> "; check keystore.vault.kubernetes.role and .jwt (and that the auth method is mounted at '" + k.engine() + "')";
      case VaultConfig.Token t -> "; check keystore.vault.token (is it expired or revoked?)";
    };
  }

  private static String readJwt(Kubernetes k) throws KeyStoreException {
    if (!k.jwtIsFile()) {
      return k.jwt();
    }
    try {
      // Re-read at every login: Kubernetes rotates projected service account tokens.
      return Files.readString(Path.of(k.jwt())).strip();
    } catch (IOException e) {
      throw new KeyStoreException.Failure("vault: cannot read the Kubernetes JWT file '" + k.jwt() + "': " + e.getMessage(), e);
    }
  }

  private static Token fromAuth(JsonNode authNode, String id) {
    return new Token(id, Duration.ofSeconds(authNode.path("lease_duration").asLong(0)),
        authNode.path("renewable").asBoolean(false), System.nanoTime());
  }

  /** Where the login goes: "/" is the root namespace, "" the keystore's own (real KES's rule). */
  String loginNamespace() {
    String ns = auth.namespace();
    if (ns.equals("/")) {
      return "";
    }
    return ns.isEmpty() ? storeNamespace : ns;
  }
}
