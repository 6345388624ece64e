package org.openkes.interop;

import static org.openkes.interop.Check.Shape.BASE64;
import static org.openkes.interop.Check.Shape.COUNT;
import static org.openkes.interop.Check.Shape.TEXT;
import static org.openkes.interop.Check.Shape.TIME;
import static org.openkes.interop.Check.documented;
import static org.openkes.interop.Check.same;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openkes.core.identity.Identity;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.interop.Check.Expect;

/**
 * The request table of {@link DifferentialApiTest}: every route of kes-compat.md §1.4 with its
 * successes and errors, in an order that builds the state later cases need. Each case says how
 * the two answers must compare; a documented difference names its docs/compatibility.md section.
 */
final class DifferentialCases {
  /** docs/compatibility.md section of the HTTP API differences. */
  static final String HTTP_API = "`kes server` and the HTTP API";

  /** Who sends a request: each caller has its own client certificate (and key type). */
  enum Caller {
    /** The admin: an API key (Ed25519). */
    ADMIN,
    /** An API key with the policy {@code app}. */
    APP,
    /** An EC P-256 certificate with the policy {@code ops}. */
    OPS,
    /** An RSA certificate with the policy {@code crypto}. */
    RSA,
    /** An API key KES knows nothing of. */
    UNKNOWN
  }

  /** A policy of the common config, given to one caller. */
  record Policy(String name, List<String> allow, List<String> deny) {}

  static final Map<Caller, Policy> POLICIES = Map.of(
      Caller.APP, new Policy("app",
          List.of("/v1/key/create/app-*", "/v1/key/generate/app-*", "/v1/key/describe/*", "/v1/key/list/*",
              "/v1/identity/self/describe", "/v1/log/audit"),
          List.of("/v1/key/generate/app-secret*", "/v1/key/describe/fixed-*")),
      Caller.OPS, new Policy("ops",
          List.of("/v1/status", "/v1/ready", "/v1/metrics", "/v1/api", "/v1/policy/*", "/v1/identity/*"),
          List.of("/v1/policy/read/*")),
      Caller.RSA, new Policy("crypto",
          List.of("/v1/key/encrypt/fixed-*", "/v1/key/decrypt/fixed-*", "/v1/key/hmac/fixed-*"), List.of()));

  /** One request; the path is sent as written. */
  record Request(Caller caller, String method, String path, String body, boolean stream) {
    static Request get(String path) {
      return new Request(Caller.ADMIN, "GET", path, null, false);
    }

    static Request put(String path, String body) {
      return new Request(Caller.ADMIN, "PUT", path, body, false);
    }

    static Request method(String method, String path) {
      return new Request(Caller.ADMIN, method, path, null, false);
    }

    /** A log stream: only its status and headers are compared. */
    static Request stream(String path) {
      return new Request(Caller.ADMIN, "GET", path, null, true);
    }

    Request as(Caller who) {
      return new Request(who, method, path, body, stream);
    }

    Request post() {
      return new Request(caller, "POST", path, body, stream);
    }

    @Override
    public String toString() {
      String b = body == null ? "" : " " + (body.length() > 80 ? body.substring(0, 80) + "... (" + body.length() + " chars)" : body);
      return caller + ": " + method + " " + path + b;
    }
  }

  /** A named row of the table. */
  record Case(String name, Request request, Check check) {}

  private final Identity admin;
  private final Identity app;
  private final List<Case> cases = new ArrayList<>();

  DifferentialCases(Identity admin, Identity app) {
    this.admin = admin;
    this.app = app;
  }

  // --- fixtures: the same key files in both keystores before the servers start ---------------

  /** Keys with known material, so that even HMACs and decryptions must agree exactly. */
  static void writeFixtures(KeyStore store) throws KeyStoreException {
    store.create("fixed-aes", ascii(CompatVectors.VALUE_A)); // AES256 KA, HMAC key 20..3f
    store.create("fixed-chacha", ascii(CompatVectors.VALUE_B)); // ChaCha20 KB, no creator
    store.create("fixed-legacy", ascii(CompatVectors.LEGACY_AES)); // legacy JSON: no HMAC key
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private static String b64(String s) {
    return b64(s.getBytes(StandardCharsets.UTF_8));
  }

  // --- the table ----------------------------------------------------------------------------

  List<Case> all() {
    system();
    keyLifecycle();
    importing();
    listing();
    cryptography();
    deleting();
    policies();
    identities();
    logs();
    routing();
    authorization();
    return List.copyOf(cases);
  }

  private void add(String name, Request request, Check check) {
    cases.add(new Case(name, request, check));
  }

  private void system() {
    add("version needs no identity", Request.get("/version").as(Caller.UNKNOWN), same().except("version", TEXT));
    add("version", Request.get("/version"), same().except("version", TEXT));
    add("ready", Request.get("/v1/ready"), same());
    add("ready as a policy identity", Request.get("/v1/ready").as(Caller.OPS), same());
    add("status", Request.get("/v1/status"), statusCheck());
    add("status as a policy identity", Request.get("/v1/status").as(Caller.OPS), statusCheck());
    add("metrics", Request.get("/v1/metrics"), Check.statusAndContentType());
    add("api", Request.get("/v1/api"), same().anyOrder(""));
  }

  private static Check statusCheck() {
    return same().except("version", TEXT).except("uptime", COUNT).except("mem_heap_used", COUNT)
        .except("mem_stack_used", COUNT).except("keystore_latency", COUNT);
  }

  private void keyLifecycle() {
    add("create a key", Request.put("/v1/key/create/diff-a", null), same());
    add("create with POST", Request.put("/v1/key/create/diff-b", null).post(), same());
    add("create an existing key", Request.put("/v1/key/create/diff-a", null), same());
    add("create with a body (ignored)", Request.put("/v1/key/create/diff-c", "{\"x\":1}"), same());
    add("create: invalid name", Request.put("/v1/key/create/bad%20name", null), same());
    add("create: name with an escaped slash", Request.put("/v1/key/create/a%2Fb", null), same());
    add("create: empty name", Request.put("/v1/key/create/", null), same());
    add("create: name of 81 characters", Request.put("/v1/key/create/" + "k".repeat(81), null), same());
    add("create: name ending in -", Request.put("/v1/key/create/diff-", null), same());
    add("describe a created key", Request.get("/v1/key/describe/diff-a"), same().except("created_at", TIME));
    add("describe the AES fixture", Request.get("/v1/key/describe/fixed-aes"), same());
    add("describe the ChaCha20 fixture", Request.get("/v1/key/describe/fixed-chacha"), same());
    add("describe a legacy key", Request.get("/v1/key/describe/fixed-legacy"), same());
    add("describe a missing key", Request.get("/v1/key/describe/missing"), same());
    add("describe: invalid name", Request.get("/v1/key/describe/-x"), same());
  }

  private void importing() {
    String key = b64(CompatVectors.range(0x40, 0x5f));
    add("import", Request.put("/v1/key/import/diff-imported", imp(key, "AES256")), same());
    add("import with POST and ChaCha20's long name",
        Request.put("/v1/key/import/diff-imported-2", imp(key, "XCHACHA20-POLY1305")).post(), same());
    add("import: field names in any case", Request.put("/v1/key/import/diff-imported-3",
        "{\"Key\":\"" + key + "\",\"CIPHER\":\"AES256-GCM_SHA256\"}"), same());
    add("describe an imported ChaCha20 key", Request.get("/v1/key/describe/diff-imported-2"),
        same().except("created_at", TIME));
    add("import an existing key", Request.put("/v1/key/import/diff-imported", imp(key, "AES256")), same());
    add("import: 16-byte key", Request.put("/v1/key/import/diff-short",
        imp(b64(new byte[16]), "AES256")), same());
    add("import: unknown cipher", Request.put("/v1/key/import/diff-x", imp(key, "AES128")), same());
    add("import: cipher in lower case", Request.put("/v1/key/import/diff-x", imp(key, "aes256")), same());
    add("import: bad JSON", Request.put("/v1/key/import/diff-x", "{\"key\":"), same());
    add("import: key is a number", Request.put("/v1/key/import/diff-x", "{\"key\":1,\"cipher\":\"AES256\"}"), same());
    add("import: key not base64", Request.put("/v1/key/import/diff-x", imp("!!!!", "AES256")), same());
    add("import: no body", Request.put("/v1/key/import/diff-x", null), same());
    add("import: invalid name", Request.put("/v1/key/import/x.y", imp(key, "AES256")), same());
  }

  private static String imp(String key, String cipher) {
    return "{\"key\":\"" + key + "\",\"cipher\":\"" + cipher + "\"}";
  }

  private void listing() {
    add("list all keys", Request.get("/v1/key/list/*"), same());
    add("list with an empty pattern", Request.get("/v1/key/list/"), same());
    add("list by prefix", Request.get("/v1/key/list/diff-imported"), same());
    add("list: nothing matches", Request.get("/v1/key/list/nothing"), same());
    add("list: pattern ending in *", Request.get("/v1/key/list/diff-imp*"), documented(HTTP_API,
        Expect.exactly(200, "application/json", "{\"names\":[]}\n"),
        Expect.exactly(200, "application/json",
            "{\"names\":[\"diff-imported\",\"diff-imported-2\",\"diff-imported-3\"]}\n")));
    add("list: invalid pattern", Request.get("/v1/key/list/a*b"), same());
    add("list as a policy identity", Request.get("/v1/key/list/fixed-").as(Caller.APP), same());
  }

  /** The listing of the page test: more keys than real KES returns at once. */
  static final int PAGE_TEST_KEYS = 1030;

  static String pageKey(int i) {
    return String.format("page%04d", i);
  }

  static Case pagedListing() {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < PAGE_TEST_KEYS; i++) {
      all.add('"' + pageKey(i) + '"');
    }
    String firstPage = String.join(",", all.subList(0, 1024));
    return new Case("list 1,030 keys", Request.get("/v1/key/list/page"), documented(HTTP_API,
        Expect.exactly(200, "application/json",
            "{\"names\":[" + firstPage + "],\"continue_at\":\"" + pageKey(1024) + "\"}\n"),
        Expect.exactly(200, "application/json", "{\"names\":[" + String.join(",", all) + "]}\n")));
  }

  private void cryptography() {
    generating();
    encrypting();
    decrypting();
    macs();
  }

  private void generating() {
    Check dek = same().except("plaintext", BASE64).except("ciphertext", BASE64);
    add("generate without a body", Request.put("/v1/key/generate/fixed-aes", null), dek);
    add("generate with POST and a context", Request.put("/v1/key/generate/fixed-aes",
        "{\"context\":\"" + b64("ctx") + "\"}").post(), dek);
    add("generate with a ChaCha20 key", Request.put("/v1/key/generate/fixed-chacha", "{}"), dek);
    add("generate: the version field is ignored", Request.put("/v1/key/generate/fixed-aes",
        "{\"version\":\"v1\"}"), dek);
    add("generate: context not base64", Request.put("/v1/key/generate/fixed-aes", "{\"context\":\"!!\"}"), same());
    add("generate: context is a number", Request.put("/v1/key/generate/fixed-aes", "{\"context\":7}"), same());
    add("generate: bad JSON", Request.put("/v1/key/generate/fixed-aes", "{"), same());
    add("generate: missing key", Request.put("/v1/key/generate/missing", null), same());
    add("generate: oversized body", Request.put("/v1/key/generate/fixed-aes", oversized("context")), same());
  }

  /** A JSON body just over the 1 MB limit of the crypto routes. */
  private static String oversized(String field) {
    return "{\"" + field + "\":\"" + "A".repeat(1_000_000) + "\"}";
  }

  private void encrypting() {
    Check sealed = same().except("ciphertext", BASE64);
    String hello = "{\"plaintext\":\"" + b64("Hello World") + "\"";
    add("encrypt", Request.put("/v1/key/encrypt/fixed-aes", hello + "}"), sealed);
    add("encrypt with a context", Request.put("/v1/key/encrypt/fixed-aes",
        hello + ",\"context\":\"" + b64("ctx") + "\"}").post(), sealed);
    add("encrypt with ChaCha20", Request.put("/v1/key/encrypt/fixed-chacha", hello + "}"), sealed);
    add("encrypt an empty plaintext", Request.put("/v1/key/encrypt/fixed-aes", "{}"), sealed);
    add("encrypt: no body", Request.put("/v1/key/encrypt/fixed-aes", null), same());
    add("encrypt: plaintext not base64", Request.put("/v1/key/encrypt/fixed-aes", "{\"plaintext\":\"%%\"}"), same());
    add("encrypt: bad context", Request.put("/v1/key/encrypt/fixed-aes", hello + ",\"context\":\"%%\"}"), same());
    add("encrypt: missing key", Request.put("/v1/key/encrypt/missing", hello + "}"), same());
    add("encrypt: oversized body", Request.put("/v1/key/encrypt/fixed-aes", oversized("plaintext")), same());
    add("encrypt: invalid name", Request.put("/v1/key/encrypt/%2A", hello + "}"), same());
  }

  private void decrypting() {
    String n1 = b64(CompatVectors.DECRYPTS.stream().filter(d -> d.id().equals("N1")).findFirst().orElseThrow().ciphertext());
    add("decrypt", Request.put("/v1/key/decrypt/fixed-aes", "{\"ciphertext\":\"" + n1 + "\"}"), same());
    add("decrypt a legacy JSON ciphertext", Request.put("/v1/key/decrypt/fixed-aes",
        "{\"ciphertext\":\"" + CompatVectors.J1_API + "\"}").post(), same());
    add("decrypt: wrong context", Request.put("/v1/key/decrypt/fixed-aes",
        "{\"ciphertext\":\"" + n1 + "\",\"context\":\"" + b64("x") + "\"}"), same());
    add("decrypt: wrong key", Request.put("/v1/key/decrypt/fixed-chacha", "{\"ciphertext\":\"" + n1 + "\"}"), same());
    add("decrypt: 28 bytes", Request.put("/v1/key/decrypt/fixed-aes",
        "{\"ciphertext\":\"" + b64(new byte[28]) + "\"}"), same());
    add("decrypt: empty ciphertext", Request.put("/v1/key/decrypt/fixed-aes", "{}"), same());
    add("decrypt: ciphertext not base64", Request.put("/v1/key/decrypt/fixed-aes", "{\"ciphertext\":\"..\"}"), same());
    add("decrypt: bad context", Request.put("/v1/key/decrypt/fixed-aes",
        "{\"ciphertext\":\"" + n1 + "\",\"context\":[]}"), same());
    add("decrypt: missing key", Request.put("/v1/key/decrypt/missing", "{\"ciphertext\":\"" + n1 + "\"}"), same());
    add("decrypt: oversized body", Request.put("/v1/key/decrypt/fixed-aes", oversized("ciphertext")), same());
  }

  private void macs() {
    String hello = "{\"message\":\"" + b64("Hello World") + "\"}";
    add("hmac", Request.put("/v1/key/hmac/fixed-aes", hello), same());
    add("hmac with POST", Request.put("/v1/key/hmac/fixed-aes", "{}").post(), same());
    add("hmac of a created key", Request.put("/v1/key/hmac/diff-a", hello), same().except("hmac", BASE64));
    add("hmac: a legacy key has no HMAC key", Request.put("/v1/key/hmac/fixed-legacy", hello), same());
    add("hmac: message not base64", Request.put("/v1/key/hmac/fixed-aes", "{\"message\":\"?\"}"), same());
    add("hmac: missing key", Request.put("/v1/key/hmac/missing", hello), same());
    add("hmac: oversized body", Request.put("/v1/key/hmac/fixed-aes", oversized("message")), same());
  }

  private void deleting() {
    add("delete", Request.method("DELETE", "/v1/key/delete/diff-b"), same());
    add("delete a deleted key", Request.method("DELETE", "/v1/key/delete/diff-b"), same());
    add("delete a missing key", Request.method("DELETE", "/v1/key/delete/missing"), same());
    add("delete: invalid name", Request.method("DELETE", "/v1/key/delete/a*"), same());
    add("describe a deleted key", Request.get("/v1/key/describe/diff-b"), same());
  }

  private void policies() {
    add("describe a policy", Request.get("/v1/policy/describe/app"), same().except("created_at", TIME));
    add("read a policy", Request.get("/v1/policy/read/app"), same().except("created_at", TIME));
    add("read a policy without deny rules", Request.get("/v1/policy/read/crypto"), same().except("created_at", TIME));
    add("describe a missing policy", Request.get("/v1/policy/describe/nope"), same());
    add("read a missing policy", Request.get("/v1/policy/read/nope"), same());
    add("describe: invalid policy name", Request.get("/v1/policy/describe/a%20b"), same());
    add("list policies", Request.get("/v1/policy/list/*"), same());
    add("list policies with an empty pattern", Request.get("/v1/policy/list/"), same());
    add("list policies by prefix", Request.get("/v1/policy/list/ap"), same());
    add("list policies by pattern", Request.get("/v1/policy/list/c*"), same());
    add("list policies: invalid pattern", Request.get("/v1/policy/list/**"), same());
    add("read a policy as a policy identity", Request.get("/v1/policy/describe/ops").as(Caller.OPS),
        same().except("created_at", TIME));
  }

  private void identities() {
    add("describe the admin", Request.get("/v1/identity/describe/" + admin.value()), same().except("created_at", TIME));
    add("describe a policy identity", Request.get("/v1/identity/describe/" + app.value()),
        same().except("created_at", TIME));
    add("describe an unknown identity", Request.get("/v1/identity/describe/" + "ab".repeat(32)), same());
    add("describe: invalid identity", Request.get("/v1/identity/describe/a%20b"), same());
    add("list identities", Request.get("/v1/identity/list/*"), same());
    add("list identities with an empty pattern", Request.get("/v1/identity/list/"), same());
    add("list identities by prefix", Request.get("/v1/identity/list/" + app.value().substring(0, 3)), same());
    add("list identities: invalid pattern", Request.get("/v1/identity/list/a*b"), same());
    add("self as the admin", Request.get("/v1/identity/self/describe"), same().except("created_at", TIME));
    add("self as a policy identity", Request.get("/v1/identity/self/describe").as(Caller.APP), documented(HTTP_API,
        Expect.error(404, "identity does not exist"), Expect.json(200, appSelfDescription(), "created_at")));
    add("self as an unknown identity", Request.get("/v1/identity/self/describe").as(Caller.UNKNOWN), same());
  }

  /** The SDK's flat shape of {@code /v1/identity/self/describe} for a policy identity, but created_at. */
  private String appSelfDescription() {
    Policy p = POLICIES.get(Caller.APP);
    return "{\"identity\":\"" + app.value() + "\",\"policy\":\"" + p.name() + "\",\"created_by\":\""
        + admin.value() + "\",\"allow\":" + rules(p.allow()) + ",\"deny\":" + rules(p.deny()) + "}";
  }

  /** Policy rules as KES shows them: an object of pattern to {}. */
  private static String rules(List<String> patterns) {
    return patterns.stream().map(r -> "\"" + r + "\":{}").collect(Collectors.joining(",", "{", "}"));
  }

  private void logs() {
    // real KES v0.24.0 never sends the status line of a log stream; we stream
    Expect streaming = Expect.exactly(200, "application/x-ndjson", "");
    add("audit log", Request.stream("/v1/log/audit"), documented(HTTP_API, Expect.silence(), streaming));
    add("error log", Request.stream("/v1/log/error"), documented(HTTP_API, Expect.silence(), streaming));
    add("audit log as a policy identity", Request.stream("/v1/log/audit").as(Caller.APP),
        documented(HTTP_API, Expect.silence(), streaming));
    add("error log: not allowed", Request.stream("/v1/log/error").as(Caller.APP), same());
    add("audit log: unknown identity", Request.stream("/v1/log/audit").as(Caller.UNKNOWN), same());
    add("audit log with POST", Request.method("POST", "/v1/log/audit"), same());
  }

  private void routing() {
    add("unknown route", Request.get("/v1/nope"), same());
    add("unknown route under a known prefix", Request.get("/v1/key/nope/x"), same());
    add("root", Request.get("/"), same());
    add("status with a trailing slash", Request.get("/v1/status/"), same());
    add("version with a suffix", Request.get("/version/x"), same());
    add("unknown route as an unknown identity", Request.get("/v1/nope").as(Caller.UNKNOWN), same());
    redirect("list without a trailing slash", "/v1/key/list", "/v1/key/list/");
    redirect("a double slash", "/v1//status", "/v1/status");
    redirect("a dot segment", "/v1/key/./list/x", "/v1/key/list/x");
    redirect("a query is kept", "/v1/policy/list?x=1", "/v1/policy/list/?x=1");
    add("POST where GET is expected", Request.method("POST", "/v1/status"), same());
    add("GET where PUT is expected", Request.get("/v1/key/create/diff-z"), same());
    add("PATCH where PUT is expected", Request.method("PATCH", "/v1/key/hmac/fixed-aes"), same());
    add("GET where DELETE is expected", Request.get("/v1/key/delete/diff-a"), same());
    add("DELETE where GET is expected", Request.method("DELETE", "/version"), same());
    add("HEAD", Request.method("HEAD", "/v1/api"), same());
    add("OPTIONS", Request.method("OPTIONS", "/v1/key/list/x"), same());
    add("wrong method as an unknown identity", Request.method("DELETE", "/v1/status").as(Caller.UNKNOWN), same());
  }

  /** The mux's clean-path and trailing-slash redirects: 307 from Go ≥ 1.26, 301 from us. */
  private void redirect(String name, String path, String location) {
    add(name, Request.get(path), documented(HTTP_API, Expect.redirect(307, location), Expect.redirect(301, location)));
  }

  private void authorization() {
    add("allowed by policy", Request.put("/v1/key/create/app-1", null).as(Caller.APP), same());
    add("generate allowed by policy", Request.put("/v1/key/generate/app-1", null).as(Caller.APP),
        same().except("plaintext", BASE64).except("ciphertext", BASE64));
    add("describe allowed by policy", Request.get("/v1/key/describe/app-1").as(Caller.APP),
        same().except("created_at", TIME));
    add("denied by a deny rule", Request.put("/v1/key/generate/app-secret-1", null).as(Caller.APP), same());
    add("deny wins over allow", Request.get("/v1/key/describe/fixed-aes").as(Caller.APP), same());
    add("not in the policy", Request.put("/v1/key/create/other", null).as(Caller.APP), same());
    add("not in the policy: status", Request.get("/v1/status").as(Caller.APP), same());
    add("not in the policy: delete", Request.method("DELETE", "/v1/key/delete/app-1").as(Caller.APP), same());
    add("a denied route of a policy", Request.get("/v1/policy/read/app").as(Caller.OPS), same());
    add("RSA certificate: encrypt", Request.put("/v1/key/encrypt/fixed-aes",
        "{\"plaintext\":\"" + b64("x") + "\"}").as(Caller.RSA), same().except("ciphertext", BASE64));
    add("RSA certificate: hmac", Request.put("/v1/key/hmac/fixed-aes", "{}").as(Caller.RSA), same());
    add("RSA certificate: not allowed", Request.put("/v1/key/hmac/diff-a", "{}").as(Caller.RSA), same());
    add("unknown identity: ready", Request.get("/v1/ready").as(Caller.UNKNOWN), same());
    add("unknown identity: status", Request.get("/v1/status").as(Caller.UNKNOWN), same());
    add("unknown identity: metrics", Request.get("/v1/metrics").as(Caller.UNKNOWN), same());
    add("unknown identity: api", Request.get("/v1/api").as(Caller.UNKNOWN), same());
    add("unknown identity: create", Request.put("/v1/key/create/intruder", null).as(Caller.UNKNOWN), same());
    add("unknown identity: decrypt", Request.put("/v1/key/decrypt/fixed-aes", "{}").as(Caller.UNKNOWN), same());
    add("unknown identity: list", Request.get("/v1/key/list/*").as(Caller.UNKNOWN), same());
    add("unknown identity: policy", Request.get("/v1/policy/list/*").as(Caller.UNKNOWN), same());
    add("the keys after all cases", Request.get("/v1/key/list/"), same());
  }
}
