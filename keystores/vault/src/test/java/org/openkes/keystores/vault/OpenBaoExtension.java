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
 */
final class OpenBaoExtension implements BeforeAllCallback, AfterAllCallback {
  static final String KES_POLICY = """
      path "kv*" { capabilities = ["create", "read", "update", "delete", "list"] }
      path "transit/encrypt/*" { capabilities = ["update"] }
      path "transit/decrypt/*" { capabilities = ["update"] }
      path "auth/token/lookup-self" { capabilities = ["read"] }
      path "auth/token/renew-self" { capabilities = ["update"] }
      """;

  private OpenBao server;
  private OpenBao.AppRoleCreds kes;

  /** Fails on CI, skips elsewhere, when OpenBao is not installed. */
  static void requireBao() {
    if (OpenBao.binary().isPresent()) {
      return;
    }
    String why = "OpenBao (bao) is not installed: run scripts/install-openbao.sh or set BAO_BINARY";
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(why + " (CI=true: the Vault tests must run)");
    }
    Assumptions.abort(why);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    requireBao();
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

  OpenBao server() {
    return server;
  }

  /** The AppRole credentials of the role {@code kes}. */
  OpenBao.AppRoleCreds kes() {
    return kes;
  }
}
