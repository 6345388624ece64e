package org.openkes.server.api;

import static org.openkes.server.api.ApiResponse.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import org.openkes.core.key.KeyName;
import org.openkes.core.policy.Policy;
import org.openkes.server.json.GoJson;
import org.openkes.server.json.GoTime;

/**
 * The {@code /v1/policy/*} and {@code /v1/identity/*} handlers (kes-compat.md §1.5). Policies are
 * static config: they were "created" by the admin when the server started.
 */
final class PolicyApi {
  private final ApiContext ctx;

  PolicyApi(ApiContext ctx) {
    this.ctx = ctx;
  }

  ApiResponse describePolicy(ApiRequest req) {
    if (!KeyName.isValid(req.resource())) {
      return error(400, Errors.invalidPolicyName(req.resource()));
    }
    if (!ctx.access().policies().containsKey(req.resource())) {
      return error(404, Errors.POLICY_NOT_FOUND);
    }
    return ApiResponse.ok(GoJson.object()
        .put("name", req.resource())
        .put("created_at", startTime())
        .put("created_by", ctx.access().admin().value()));
  }

  ApiResponse readPolicy(ApiRequest req) {
    if (!KeyName.isValid(req.resource())) {
      return error(400, Errors.invalidPolicyName(req.resource()));
    }
    Policy p = ctx.access().policies().get(req.resource());
    if (p == null) {
      return error(404, Errors.POLICY_NOT_FOUND);
    }
    return ApiResponse.ok(GoJson.object()
        .put("name", req.resource())
        .putUnless(p.allow().isEmpty(), "allow", rules(p.allow()))
        .putUnless(p.deny().isEmpty(), "deny", rules(p.deny()))
        .put("created_at", startTime())
        .put("created_by", ctx.access().admin().value()));
  }

  ApiResponse listPolicies(ApiRequest req) {
    Optional<String> prefix = prefix(req.resource());
    if (prefix.isEmpty()) {
      return error(400, Errors.invalidPattern(req.resource()));
    }
    List<String> names = new ArrayList<>();
    for (String name : ctx.access().policies().keySet()) { // sorted
      if (name.startsWith(prefix.get())) {
        names.add(name);
      }
    }
    return ApiResponse.ok(GoJson.object().put("names", names).put("continue_at", ""));
  }

  ApiResponse describeIdentity(ApiRequest req) {
    String id = req.resource();
    if (!KeyName.isValid(id)) {
      return error(400, Errors.invalidIdentity(id));
    }
    org.openkes.core.identity.Identity identity = org.openkes.core.identity.Identity.of(id);
    if (ctx.access().isAdmin(identity)) {
      return ApiResponse.ok(GoJson.object().put("admin", true).put("created_at", startTime()));
    }
    Optional<Policy> p = ctx.access().policyOf(identity);
    if (p.isEmpty()) {
      return error(404, Errors.IDENTITY_NOT_FOUND);
    }
    return ApiResponse.ok(GoJson.object()
        .put("policy", p.get().name())
        .put("created_at", startTime())
        .putUnless(ctx.access().admin().value().isEmpty(), "created_by",
            ctx.access().admin().value()));
  }

  /** The admin (always, when it matches, even a disabled value) and every assigned identity. */
  ApiResponse listIdentities(ApiRequest req) {
    Optional<String> prefix = prefix(req.resource());
    if (prefix.isEmpty()) {
      return error(400, Errors.invalidPattern(req.resource()));
    }
    List<String> ids = new ArrayList<>();
    String admin = ctx.access().admin().value();
    if (admin.startsWith(prefix.get())) {
      ids.add(admin);
    }
    for (org.openkes.core.identity.Identity id : ctx.access().assignedIdentities()) {
      if (id.value().startsWith(prefix.get())) {
        ids.add(id.value());
      }
    }
    ids.sort(null);
    return ApiResponse.ok(GoJson.object().put("identities", ids).put("continue_at", ""));
  }

  /**
   * Identify-only: who am I. Differs from KES on purpose (kes-compat.md §10 Q4): a caller with a
   * policy gets the SDK's flat shape instead of 404.
   */
  ApiResponse describeSelf(ApiRequest req) {
    if (ctx.access().isAdmin(req.identity())) {
      return ApiResponse.ok(GoJson.object()
          .put("identity", req.identity().value())
          .put("admin", true)
          .put("created_at", startTime()));
    }
    Optional<Policy> p = ctx.access().policyOf(req.identity());
    if (p.isEmpty()) {
      return error(404, Errors.IDENTITY_NOT_FOUND);
    }
    String admin = ctx.access().admin().value();
    return ApiResponse.ok(GoJson.object()
        .put("identity", req.identity().value())
        .put("created_at", startTime())
        .putUnless(admin.isEmpty(), "created_by", admin)
        .put("policy", p.get().name())
        .putUnless(p.get().allow().isEmpty(), "allow", rules(p.get().allow()))
        .putUnless(p.get().deny().isEmpty(), "deny", rules(p.get().deny())));
  }

  /** {@code ""} and {@code *} list everything; otherwise one trailing {@code *} is dropped. */
  private static Optional<String> prefix(String pattern) {
    if (!KeyName.isValidPattern(pattern)) {
      return Optional.empty();
    }
    return Optional.of(
        pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern);
  }

  /** Patterns as KES sends them: an object with one empty object per pattern, sorted. */
  private static GoJson.Obj rules(SortedSet<String> patterns) {
    GoJson.Obj o = GoJson.object();
    for (String p : patterns) {
      o.put(p, GoJson.object());
    }
    return o;
  }

  private String startTime() {
    return GoTime.rfc3339Nano(ctx.startTime(), ctx.zone());
  }
}
