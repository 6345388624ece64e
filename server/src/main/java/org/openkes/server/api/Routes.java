package org.openkes.server.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openkes.core.config.ApiPaths;
import org.openkes.core.config.ServerConfig;

/**
 * The 22 routes of KES v0.24 (kes-compat.md §1.4) bound to one configuration's handlers, with the
 * {@code api.<path>} overrides applied: a positive timeout replaces the default, {@code
 * skip_auth} makes the route identify-only. Paths that match no route are ignored, as in KES.
 */
public final class Routes {
  private static final long MB = 1_000_000; // KES's mem.MB is the SI megabyte
  private static final Duration T10 = Duration.ofSeconds(10);
  private static final Duration T15 = Duration.ofSeconds(15);

  private final ApiContext context;
  private final Map<String, Route> byPath;
  private final List<Route> list;

  private Routes(ApiContext context, List<Route> list) {
    this.context = context;
    this.list = List.copyOf(list);
    Map<String, Route> m = new LinkedHashMap<>();
    for (Route r : list) {
      m.put(r.path(), r);
    }
    this.byPath = Collections.unmodifiableMap(m);
  }

  /** The table for {@code ctx}, with {@code overrides} (the config's {@code api} section). */
  public static Routes create(ApiContext ctx, Map<String, ServerConfig.Api> overrides) {
    SystemApi sys = new SystemApi(ctx);
    KeyApi key = new KeyApi(ctx);
    PolicyApi pol = new PolicyApi(ctx);
    List<Route> routes = new ArrayList<>(22);
    List<Route> table = Collections.unmodifiableList(routes); // read by /v1/api after building
    routes.add(route("GET", "/version", 0, T10, Auth.NONE, false, sys::version));
    routes.add(route("GET", "/v1/ready", 0, T15, Auth.VERIFY, false, sys::ready));
    routes.add(route("GET", "/v1/status", 0, T15, Auth.VERIFY, false, sys::status));
    routes.add(route("GET", "/v1/metrics", 0, T15, Auth.VERIFY, false, sys::metrics));
    routes.add(route("GET", "/v1/api", 0, T10, Auth.VERIFY, false,
        req -> SystemApi.listApis(table)));
    routes.add(route("PUT", "/v1/key/create/", 0, T15, Auth.VERIFY, true, key::create));
    routes.add(route("PUT", "/v1/key/import/", MB, T15, Auth.VERIFY, true, key::importKey));
    routes.add(keyRoute("GET", "/v1/key/describe/", 0, key::describe));
    routes.add(route("GET", "/v1/key/list/", 0, T15, Auth.VERIFY, true, key::list));
    routes.add(route("DELETE", "/v1/key/delete/", 0, T15, Auth.VERIFY, true, key::delete));
    routes.add(keyRoute("PUT", "/v1/key/generate/", MB, key::generate));
    routes.add(keyRoute("PUT", "/v1/key/encrypt/", MB, key::encrypt));
    routes.add(keyRoute("PUT", "/v1/key/decrypt/", MB, key::decrypt));
    routes.add(keyRoute("PUT", "/v1/key/hmac/", MB, key::hmac));
    routes.add(route("GET", "/v1/policy/describe/", 0, T15, Auth.VERIFY, true,
        pol::describePolicy));
    routes.add(route("GET", "/v1/policy/read/", 0, T15, Auth.VERIFY, true, pol::readPolicy));
    routes.add(route("GET", "/v1/policy/list/", 0, T15, Auth.VERIFY, true, pol::listPolicies));
    routes.add(route("GET", "/v1/identity/describe/", 0, T15, Auth.VERIFY, true,
        pol::describeIdentity));
    routes.add(route("GET", "/v1/identity/list/", 0, T15, Auth.VERIFY, true,
        pol::listIdentities));
    routes.add(route("GET", "/v1/identity/self/describe", 0, T15, Auth.IDENTIFY, true,
        pol::describeSelf));
    routes.add(route("GET", "/v1/log/error", 0, Duration.ZERO, Auth.VERIFY, false,
        req -> new ApiResponse.Stream(ctx.errorLog())));
    routes.add(route("GET", "/v1/log/audit", 0, Duration.ZERO, Auth.VERIFY, false,
        req -> new ApiResponse.Stream(ctx.auditLog())));

    for (int i = 0; i < routes.size(); i++) {
      Route r = routes.get(i);
      ServerConfig.Api o = overrides.get(r.path());
      if (o != null) {
        routes.set(i, new Route(r.method(), r.path(), r.maxBody(),
            o.timeout().isPositive() ? o.timeout() : r.timeout(),
            o.skipAuth() ? Auth.IDENTIFY : r.auth(), r.metered(), r.inline(), r.handler()));
      }
    }
    assert routes.stream().map(Route::path).toList().equals(ApiPaths.ALL);
    return new Routes(ctx, routes);
  }

  private static Route route(String method, String path, long maxBody, Duration timeout,
      Auth auth, boolean metered, ApiHandler handler) {
    return new Route(method, path, maxBody, timeout, auth, metered, false, handler);
  }

  /** A key operation: needs nothing but the named key, so it runs inline when that is cached. */
  private static Route keyRoute(String method, String path, long maxBody, ApiHandler handler) {
    return new Route(method, path, maxBody, T15, Auth.VERIFY, true, true, handler);
  }

  /** The configuration the handlers are bound to (access rules, cache, logs). */
  public ApiContext context() {
    return context;
  }

  /** All routes in the order of kes-compat.md §1.4. */
  public List<Route> all() {
    return list;
  }

  /**
   * The route serving the (clean, decoded) {@code path}, as Go's mux picks it: an exact route,
   * else the subtree route with the longest matching prefix.
   */
  public Optional<Route> match(String path) {
    Route exact = byPath.get(path);
    if (exact != null) {
      return Optional.of(exact);
    }
    Route best = null;
    for (Route r : list) {
      if (r.isSubtree() && path.startsWith(r.path())
          && (best == null || r.path().length() > best.path().length())) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Whether {@code path + "/"} names a subtree route exactly, so Go's mux would redirect there
   * (e.g. {@code /v1/key/list} → {@code /v1/key/list/}).
   */
  public boolean redirectsToSubtree(String path) {
    Route r = byPath.get(path + "/");
    return r != null && r.isSubtree();
  }
}
