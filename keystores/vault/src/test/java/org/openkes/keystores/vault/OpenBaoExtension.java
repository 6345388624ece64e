package org.openkes.keystores.vault;

import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one OpenBao dev server for a test class and stops it afterwards:
 * {@code @RegisterExtension static final OpenBaoExtension BAO = new OpenBaoExtension();}
 *
 * <p>Provisioned like a KES deployment: K/V v1 at {@code kv} (KES's default), K/V v2 at
 * {@code kv2}, transit at {@code transit} with key {@code kes}, AppRole at {@code approle} with a
 * role {@code kes} whose policy {@code kes} allows K/V mounts named {@code kv*} and the transit
 * key. Without {@code bao} the class is skipped with a one-line reason, except on CI
 * ({@code CI=true}), where that is a failure.
 *
 * <p>Public (with {@link OpenBao}'s address and the AppRole credentials) for the Vault ↔ AWS
 * migration tests in {@code keystores/aws/migrate-it}.
 */
public final class OpenBaoExtension implements BeforeAllCallback, AfterAllCallback {
  static final String KES_POLICY = """
      path "kv*" { capabilities = ["create", "read", "update", "delete", "list"] }
      path "transit/encrypt/*" { capabilities = ["update"] }
      path "transit/decrypt/*" { capabilities = ["update"] }
      path "auth/token/lookup-self" { capabilities = ["read"] }
      path "auth/token/renew-self" { capabilities = ["update"] }
      """;

  private OpenBao server;
  private OpenBao.AppRoleCreds kes;

  /** Fails on CI, skips {@code testClass} elsewhere, when OpenBao is not installed. */
  static void requireBao(Class<?> testClass) {
    if (OpenBao.binary().isPresent()) {
      return;
    }
    String why = "OpenBao (bao) is not installed: run scripts/install-openbao.sh or set BAO_BINARY";
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(why + " (CI=true: the Vault tests must run)");
    }
    // Surefire neither counts a class aborted in @BeforeAll as skipped nor prints why; one line does.
    System.err.println("Skipping " + testClass.getSimpleName() + ": " + why);
    Assumptions.abort(why);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    requireBao(context.getRequiredTestClass());
    server = OpenBao.dev();
    server.enableKv("kv", 1);
    server.enableKv("kv2", 2);
    server.enableTransit("transit");
    server.admin("POST", "transit/keys/kes", Map.of());
    server.enableAuth("approle", "approle");
    server.policy("kes", KES_POLICY);
    kes = server.appRole("approle", "kes", OpenBao.map("token_policies", "kes", "token_ttl", "10m"));
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (server != null) {
      server.close();
    }
  }

  public OpenBao server() {
    return server;
  }

  /** The AppRole credentials of the role {@code kes}. */
  public OpenBao.AppRoleCreds kes() {
    return kes;
  }
}
