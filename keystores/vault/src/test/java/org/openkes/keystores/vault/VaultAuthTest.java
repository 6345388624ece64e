package org.openkes.keystores.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openkes.core.keystore.KeyStoreContract.value;
import static org.openkes.keystores.vault.OpenBao.map;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.core.keystore.KeyStoreException;

/**
 * Every way the keystore gets a Vault token, against a real OpenBao: AppRole (also at another
 * mount and in another namespace), Kubernetes (OpenBao's JWT method mounted at
 * {@code kubernetes}: it takes real KES's exact login request and really verifies the signed
 * service-account token), our static token (value or file), and what happens when tokens
 * expire, are capped, are not renewable or are revoked.
 */
@Timeout(180)
class VaultAuthTest {
  @RegisterExtension static final OpenBaoExtension BAO = new OpenBaoExtension();
  @TempDir Path tmp;

  private static KeyPair k8sSigner;

  private static OpenBao bao() {
    return BAO.server();
  }

  @BeforeAll
  static void kubernetesLikeJwtAuth() throws Exception {
    // No Kubernetes API server can run here; OpenBao's JWT method at the path "kubernetes"
    // receives the identical POST auth/kubernetes/login {"role", "jwt"} and checks the
    // signature itself (keystores.md §4.6, option a).
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    k8sSigner = g.generateKeyPair();
    String pem = "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(k8sSigner.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
    bao().enableAuth("kubernetes", "jwt");
    bao().admin("POST", "auth/kubernetes/config", map("jwt_validation_pubkeys", List.of(pem)));
    bao().admin("POST", "auth/kubernetes/role/kes", map("role_type", "jwt", "bound_audiences", List.of("openkes-vault"),
        "user_claim", "sub", "bound_subject", "system:serviceaccount:kes:kes", "token_policies", List.of("kes"), "token_ttl", "10m"));
  }

  /** A service-account-shaped JWT, signed RS256. */
  private static String jwt(PrivateKey key, String subject) throws Exception {
    return jwt(key, subject, Map.of());
  }

  private static String jwt(PrivateKey key, String subject, Map<String, String> extraClaims) throws Exception {
    long now = Instant.now().getEpochSecond();
    String header = b64url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
    StringBuilder extra = new StringBuilder();
    extraClaims.forEach((k, v) -> extra.append(",\"").append(k).append("\":\"").append(v).append('"'));
    String claims = b64url("{\"iss\":\"kubernetes/serviceaccount\",\"sub\":\"" + subject + "\",\"aud\":[\"openkes-vault\"],"
        + "\"iat\":" + now + ",\"nbf\":" + (now - 5) + ",\"exp\":" + (now + 600) + extra + "}");
    Signature sig = Signature.getInstance("SHA256withRSA");
    sig.initSign(key);
    sig.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
    return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig.sign());
  }

  private static String b64url(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> withAuth(String method, Object auth) {
    Map<String, Object> cfg = TestStores.appRole(BAO, "kv2", "v2", TestStores.uniquePrefix("auth"));
    cfg.remove("approle");
    cfg.put(method, auth);
    return cfg;
  }

  private static void roundTrip(VaultKeyStore s) throws Exception {
    s.create("k", value(1));
    assertThat(s.get("k")).isEqualTo(value(1));
    assertThat(s.listAll("")).containsExactly("k");
    s.delete("k");
  }

  /** Polls until {@code done}, doing a get each time that must succeed; a deadline, not a timing assertion. */
  private static void keepWorkingUntil(VaultKeyStore s, BooleanSupplier done, Duration deadline) throws Exception {
    s.create("probe", value(7));
    long end = System.nanoTime() + deadline.toNanos();
    int calls = 0;
    while (!done.getAsBoolean() && System.nanoTime() < end) {
      assertThat(s.get("probe")).isEqualTo(value(7));
      calls++;
      Thread.sleep(200);
    }
    assertThat(done.getAsBoolean()).as("token lifecycle event seen before the deadline").isTrue();
    assertThat(calls).isPositive();
  }

  // --- AppRole -----------------------------------------------------------------------------

  @Test
  void appRoleAtAnotherMountPath() throws Exception {
    bao().enableAuth("approle-kes", "approle");
    OpenBao.AppRoleCreds c = bao().appRole("approle-kes", "kes", map("token_policies", "kes"));
    try (VaultKeyStore s = TestStores.open(withAuth("approle", Map.of("engine", "approle-kes", "id", c.roleId(), "secret", c.secretId())))) {
      roundTrip(s);
    }
  }

  @Test
  void aWrongAppRoleSecretIsAClearAuthenticationError() {
    Map<String, Object> cfg = withAuth("approle", Map.of("id", BAO.kes().roleId(), "secret", "00000000-0000-0000-0000-000000000000"));
    assertThatThrownBy(() -> TestStores.open(cfg)).isInstanceOf(KeyStoreException.Failure.class)
        .hasMessageStartingWith("vault: AppRole authentication failed: login at auth/approle/login answered: invalid role or secret ID (HTTP 400)")
        .hasMessageContaining("check keystore.vault.approle.id and .secret")
        .hasMessageNotContaining("00000000-0000-0000-0000-000000000000");
    Map<String, Object> wrongRole = withAuth("approle", Map.of("id", "no-such-role", "secret", BAO.kes().secretId()));
    assertThatThrownBy(() -> TestStores.open(wrongRole)).isInstanceOf(KeyStoreException.Failure.class)
        .hasMessageContaining("AppRole authentication failed");
  }

  // --- Kubernetes --------------------------------------------------------------------------

  @Test
  void kubernetesWithTheJwtAsValue() throws Exception {
    String token = jwt(k8sSigner.getPrivate(), "system:serviceaccount:kes:kes");
    try (VaultKeyStore s = TestStores.open(withAuth("kubernetes", Map.of("role", "kes", "jwt", token)))) {
      roundTrip(s);
    }
  }

  @Test
  void kubernetesWithTheJwtAsAFileReReadAtEveryLogin() throws Exception {
    Path file = tmp.resolve("serviceaccount/token");
    Files.createDirectories(file.getParent());
    Files.writeString(file, jwt(k8sSigner.getPrivate(), "system:serviceaccount:kes:kes") + "\n");
    try (VaultKeyStore s = TestStores.open(withAuth("kubernetes", Map.of("role", "kes", "jwt", file.toString())))) {
      roundTrip(s);
      // Kubernetes rotates the projected token; the next login must use the new file content.
      Files.writeString(file, "not-a-jwt");
      Thread.sleep(2_100); // 403s refresh only tokens older than 2 s
      bao().admin("POST", "auth/token/revoke", Map.of("token", s.session().tokenId()));
      assertThatThrownBy(() -> s.get("k")).isInstanceOf(KeyStoreException.Failure.class)
          .hasMessageContaining("vault: Kubernetes authentication failed");
      Files.writeString(file, jwt(k8sSigner.getPrivate(), "system:serviceaccount:kes:kes"));
      int logins = s.session().logins();
      s.create("after-rotation", value(2));
      assertThat(s.session().logins()).isEqualTo(logins + 1);
    }
  }

  @Test
  void aJwtSignedByAnotherKeyIsAClearAuthenticationError() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    String forged = jwt(g.generateKeyPair().getPrivate(), "system:serviceaccount:kes:kes");
    assertThatThrownBy(() -> TestStores.open(withAuth("kubernetes", Map.of("role", "kes", "jwt", forged))))
        .isInstanceOf(KeyStoreException.Failure.class)
        .hasMessageStartingWith("vault: Kubernetes authentication failed: login at auth/kubernetes/login answered: ")
        .hasMessageContaining("check keystore.vault.kubernetes.role and .jwt");
    String wrongSubject = jwt(k8sSigner.getPrivate(), "system:serviceaccount:other:intruder");
    assertThatThrownBy(() -> TestStores.open(withAuth("kubernetes", Map.of("role", "kes", "jwt", wrongSubject))))
        .isInstanceOf(KeyStoreException.Failure.class)
        .hasMessageContaining("Kubernetes authentication failed");
  }

  @Test
  void theRealKubernetesAuthMethodWithAKubernetesApiStandIn() throws Exception {
    // OpenBao's own kubernetes method, which asks the Kubernetes API (TokenReview) whether the
    // JWT is valid. No kube-apiserver can run here, so a stand-in answers the one call the
    // method makes, following the Kubernetes API (authentication.k8s.io/v1 TokenReview).
    java.security.SecureRandom random = new java.security.SecureRandom();
    KeyPair tlsKeys = org.openkes.core.identity.SelfSignedCertificates.generateEcP256(random);
    Instant now = Instant.now();
    java.security.cert.X509Certificate cert = org.openkes.core.identity.SelfSignedCertificates.create(tlsKeys,
        new org.openkes.core.identity.SelfSignedCertificates.Template("kube-apiserver", List.of(),
            List.of(java.net.InetAddress.getByName("127.0.0.1")),
            List.of(org.openkes.core.identity.SelfSignedCertificates.Usage.SERVER_AUTH),
            now.minusSeconds(300), now.plusSeconds(3600)), random);
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("tls", tlsKeys.getPrivate(), new char[0], new java.security.cert.Certificate[] {cert});
    javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);

    String serviceAccountJwt = jwt(k8sSigner.getPrivate(), "system:serviceaccount:kes:kes", Map.of(
        "kubernetes.io/serviceaccount/namespace", "kes",
        "kubernetes.io/serviceaccount/service-account.name", "kes",
        "kubernetes.io/serviceaccount/service-account.uid", "6a1c0ffe-0000-4000-8000-000000000001",
        "kubernetes.io/serviceaccount/secret.name", "kes-token"));
    java.util.concurrent.atomic.AtomicInteger reviews = new java.util.concurrent.atomic.AtomicInteger();
    com.sun.net.httpserver.HttpsServer api = com.sun.net.httpserver.HttpsServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    api.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(ssl));
    api.createContext("/apis/authentication.k8s.io/v1/tokenreviews", ex -> {
      com.fasterxml.jackson.databind.JsonNode review = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ex.getRequestBody());
      boolean valid = serviceAccountJwt.equals(review.path("spec").path("token").asText());
      reviews.incrementAndGet();
      // A real API server answers with the audiences it checked (the token's own here).
      String audiences = review.path("spec").path("audiences").toString();
      String status = valid
          ? "{\"authenticated\":true,\"audiences\":" + (audiences.isEmpty() ? "[]" : audiences) + ",\"user\":{\"username\":\"system:serviceaccount:kes:kes\",\"uid\":\"6a1c0ffe-0000-4000-8000-000000000001\",\"groups\":[\"system:serviceaccounts\",\"system:serviceaccounts:kes\"]}}"
          : "{\"authenticated\":false,\"error\":\"invalid bearer token\"}";
      byte[] body = ("{\"kind\":\"TokenReview\",\"apiVersion\":\"authentication.k8s.io/v1\",\"status\":" + status + "}")
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(201, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    api.start();
    try {
      bao().enableAuth("k8s-real", "kubernetes");
      bao().admin("POST", "auth/k8s-real/config", map("kubernetes_host", "https://127.0.0.1:" + api.getAddress().getPort(),
          "kubernetes_ca_cert", org.openkes.core.identity.Pem.encodeCertificate(cert), "disable_local_ca_jwt", true));
      bao().admin("POST", "auth/k8s-real/role/kes", map("bound_service_account_names", List.of("kes"),
          "bound_service_account_namespaces", List.of("kes"), "token_policies", List.of("kes"), "token_ttl", "10m"));
      Path file = tmp.resolve("token");
      Files.writeString(file, serviceAccountJwt);
      try (VaultKeyStore s = TestStores.open(withAuth("kubernetes", Map.of("engine", "k8s-real", "role", "kes", "jwt", file.toString())))) {
        roundTrip(s);
      }
      assertThat(reviews.get()).isPositive();
      String other = jwt(k8sSigner.getPrivate(), "system:serviceaccount:kes:kes", Map.of(
          "kubernetes.io/serviceaccount/namespace", "kes", "kubernetes.io/serviceaccount/service-account.name", "kes"));
      assertThatThrownBy(() -> TestStores.open(withAuth("kubernetes", Map.of("engine", "k8s-real", "role", "kes", "jwt", other))))
          .isInstanceOf(KeyStoreException.Failure.class)
          .hasMessageStartingWith("vault: Kubernetes authentication failed: login at auth/k8s-real/login answered: ");
    } finally {
      api.stop(0);
    }
  }

  // --- token (our addition) ----------------------------------------------------------------

  @Test
  void aStaticToken() throws Exception {
    String token = bao().token(map("policies", List.of("kes"), "ttl", "1h"));
    try (VaultKeyStore s = TestStores.open(withAuth("token", token))) {
      roundTrip(s);
      assertThat(s.session().logins()).isEqualTo(1); // one lookup-self, no login
    }
  }

  @Test
  void aWrongTokenIsAClearAuthenticationError() {
    assertThatThrownBy(() -> TestStores.open(withAuth("token", "s.not-a-real-token")))
        .isInstanceOf(KeyStoreException.Failure.class)
        .hasMessageStartingWith("vault: token authentication failed: token lookup (auth/token/lookup-self) answered: permission denied (HTTP 403)")
        .hasMessageNotContaining("s.not-a-real-token");
  }

  @Test
  void aTokenFileIsReadAgainWhenTheTokenIsRejected() throws Exception {
    Path file = tmp.resolve("vault-token");
    String first = bao().token(map("policies", List.of("kes"), "ttl", "1h"));
    Files.writeString(file, first + "\n");
    try (VaultKeyStore s = TestStores.open(withAuth("token", file.toString()))) {
      s.create("k", value(1));
      // An agent replaces the token (and the old one is revoked).
      Files.writeString(file, bao().token(map("policies", List.of("kes"), "ttl", "1h")));
      Thread.sleep(2_100);
      bao().admin("POST", "auth/token/revoke", Map.of("token", first));
      assertThat(s.get("k")).isEqualTo(value(1));
      assertThat(s.session().tokenId()).isNotEqualTo(first);
    }
  }

  @Test
  void aRenewableStaticTokenIsRenewedBeforeItExpires() throws Exception {
    String token = bao().token(map("policies", List.of("kes"), "ttl", "3s", "renewable", true));
    try (VaultKeyStore s = TestStores.open(withAuth("token", token))) {
      // Without renewal the token would be gone after 3 s.
      keepWorkingUntil(s, () -> s.session().renewals() >= 3, Duration.ofSeconds(60));
      assertThat(s.session().tokenId()).isEqualTo(token);
    }
  }

  // --- token lifecycle ---------------------------------------------------------------------

  @Test
  void shortTokensAreRenewedThenReplacedByANewLoginAtTheirMaxTtl() throws Exception {
    OpenBao.AppRoleCreds c = bao().appRole("approle", "short", map("token_policies", "kes", "token_ttl", "3s", "token_max_ttl", "8s"));
    try (VaultKeyStore s = TestStores.open(withAuth("approle", Map.of("id", c.roleId(), "secret", c.secretId())))) {
      String first = s.session().tokenId();
      keepWorkingUntil(s, () -> s.session().renewals() >= 1 && s.session().logins() >= 3, Duration.ofSeconds(90));
      assertThat(s.session().tokenId()).isNotEqualTo(first);
    }
  }

  @Test
  void nonRenewableTokensAreReplacedByANewLogin() throws Exception {
    OpenBao.AppRoleCreds c = bao().appRole("approle", "batch", map("token_policies", "kes", "token_type", "batch", "token_ttl", "3s"));
    try (VaultKeyStore s = TestStores.open(withAuth("approle", Map.of("id", c.roleId(), "secret", c.secretId())))) {
      keepWorkingUntil(s, () -> s.session().logins() >= 3, Duration.ofSeconds(90));
      assertThat(s.session().renewals()).isZero();
    }
  }

  @Test
  void aRevokedTokenIsReplacedOnTheNextCall() throws Exception {
    try (VaultKeyStore s = TestStores.open(withAuth("approle", Map.of("id", BAO.kes().roleId(), "secret", BAO.kes().secretId())))) {
      s.create("k", value(1));
      Thread.sleep(2_100);
      bao().admin("POST", "auth/token/revoke", Map.of("token", s.session().tokenId()));
      assertThat(s.get("k")).isEqualTo(value(1));
      assertThat(s.session().logins()).isEqualTo(2);
    }
  }

  // --- namespaces (OpenBao has them in its open-source edition) -----------------------------

  @Test
  void aNamespaceKeepsKeysApartAndLoginCanHappenInTheRootNamespace() throws Exception {
    String ns = "tenant-" + ProcessHandle.current().pid();
    bao().admin("POST", "sys/namespaces/" + ns, Map.of());
    bao().admin(ns, "POST", "sys/mounts/kv", Map.of("type", "kv", "options", Map.of("version", "2")));
    bao().admin(ns, "POST", "sys/auth/approle", Map.of("type", "approle"));
    bao().admin(ns, "PUT", "sys/policies/acl/kes", Map.of("policy", OpenBaoExtension.KES_POLICY));
    bao().admin(ns, "POST", "auth/approle/role/kes", map("token_policies", "kes"));
    String roleId = bao().admin(ns, "GET", "auth/approle/role/kes/role-id", null).data().path("role_id").asText();
    String secretId = bao().admin(ns, "POST", "auth/approle/role/kes/secret-id", Map.of()).data().path("secret_id").asText();

    Map<String, Object> cfg = TestStores.appRole(BAO, "kv", "v2", "ns-keys");
    cfg.put("namespace", ns);
    cfg.put("approle", Map.of("id", roleId, "secret", secretId)); // login in the keystore's namespace
    try (VaultKeyStore s = TestStores.open(cfg)) {
      s.create("k", value(1));
      s.status(); // sys/health is sent without the namespace (a namespaced call is refused)
      assertThat(bao().admin(ns, "GET", "kv/data/ns-keys/k", null).data().path("data").path("k").asText())
          .isEqualTo(new String(value(1), StandardCharsets.US_ASCII));
      assertThat(bao().read("kv/ns-keys/k").status()).isEqualTo(404); // not in the root namespace's kv
      assertThat(s.description()).contains("namespace " + ns);
    }

    // approle.namespace "/" = log in at the root namespace, then work in the tenant's.
    bao().policy("tenant-kes", "path \"" + ns + "/kv/*\" { capabilities = [\"create\", \"read\", \"update\", \"delete\", \"list\"] }");
    OpenBao.AppRoleCreds root = bao().appRole("approle", "tenant-kes", map("token_policies", "tenant-kes"));
    cfg.put("approle", Map.of("namespace", "/", "id", root.roleId(), "secret", root.secretId()));
    try (VaultKeyStore s = TestStores.open(cfg)) {
      assertThat(s.session().loginNamespace()).isEmpty();
      assertThat(s.get("k")).isEqualTo(value(1));
      s.create("k2", value(2));
      assertThat(s.listAll("")).containsExactly("k", "k2");
    }
  }
}
