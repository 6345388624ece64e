package org.openkes.core.config;

import java.util.List;

/**
 * The route paths an {@code api.<path>} key can name (kes-compat.md §1.4). A key must equal a
 * path exactly, including the trailing slash of subtree routes; other keys match nothing and
 * are ignored, as in KES. Kept here (not taken from the server's route table) so the config
 * model can warn about them without depending on the server module.
 */
public final class ApiPaths {
  private ApiPaths() {}

  /** All 22 route paths in the order of §1.4. */
  public static final List<String> ALL =
      List.of(
          "/version",
          "/v1/ready",
          "/v1/status",
          "/v1/metrics",
          "/v1/api",
          "/v1/key/create/",
          "/v1/key/import/",
          "/v1/key/describe/",
          "/v1/key/list/",
          "/v1/key/delete/",
          "/v1/key/generate/",
          "/v1/key/encrypt/",
          "/v1/key/decrypt/",
          "/v1/key/hmac/",
          "/v1/policy/describe/",
          "/v1/policy/read/",
          "/v1/policy/list/",
          "/v1/identity/describe/",
          "/v1/identity/list/",
          "/v1/identity/self/describe",
          "/v1/log/error",
          "/v1/log/audit");

  public static boolean isRoute(String path) {
    return ALL.contains(path);
  }
}
