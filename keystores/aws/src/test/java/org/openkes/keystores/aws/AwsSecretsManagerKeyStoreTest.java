package org.openkes.keystores.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openkes.core.keystore.KeyStoreContract.value;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openkes.core.key.KeyVersionCodec;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.core.keystore.ListPage;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** What is particular to AWS Secrets Manager, against a real moto server. */
@Timeout(300)
class AwsSecretsManagerKeyStoreTest {
  @RegisterExtension static final MotoExtension MOTO = new MotoExtension();

  /** A value as real KES v0.24 writes it (kes-compat.md §5.3). */
  static final String REAL_KES_VALUE = "CiQKIMiHG7XrN94FuwblJJor4f7f6rbqAl7DwsLaiIoyz0D2EAESJAognLXl4yqa4cjZTcSbsU6sNnN8kP9ARWkXwa20YQZa9HgQARoMCNithK0GEID67qYDIkAzZWNmY2RmMzhmY2JlMTQxYWUyNmExMDMwZjgxZTk2Yjc1MzM2NWE0Njc2MGFlNmI1Nzg2OThhOTdjNTlmZDIy";

  private SecretsManagerClient aws;
  private KeyStore store;

  @BeforeEach
  void fresh() throws Exception {
    MOTO.server().reset();
    aws = Moto.rawClient(MOTO.server().endpoint());
    store = open("");
  }

  @AfterEach
  void close() {
    store.close();
    aws.close();
  }

  private KeyStore open(String kmsKey) throws Exception {
    return new AwsSecretsManagerProvider().open(Moto.section(MOTO.server().endpoint(), kmsKey));
  }

  @Test
  void storesOneSecretPerKeyExactlyAsRealKes() throws Exception {
    store.create("my-key", value(7));
    GetSecretValueResponse v = aws.getSecretValue(b -> b.secretId("my-key"));
    assertThat(v.name()).isEqualTo("my-key");
    assertThat(v.secretString()).isEqualTo(new String(value(7), StandardCharsets.US_ASCII));
    assertThat(v.secretBinary()).isNull();
    assertThat(v.versionStages()).containsExactly("AWSCURRENT");
    DescribeSecretResponse d = aws.describeSecret(b -> b.secretId("my-key"));
    assertThat(d.description()).isNull();
    assertThat(d.tags()).isEmpty();
    assertThat(d.kmsKeyId()).isNull(); // no kmskey: the account's default key
    assertThat(aws.listSecrets(b -> {}).secretList()).extracting(e -> e.name()).containsExactly("my-key");
  }

  @Test
  void theKmsKeyReachesTheSecret() throws Exception {
    String kmsKey = "arn:aws:kms:us-east-1:123456789012:key/0c9e3a2e-8d5b-4f0e-9c51-2d3f4a5b6c7d";
    try (KeyStore withKms = open(kmsKey)) {
      withKms.create("kms-key", value(1));
      assertThat(aws.describeSecret(b -> b.secretId("kms-key")).kmsKeyId()).isEqualTo(kmsKey);
      assertThat(withKms.get("kms-key")).isEqualTo(value(1));
    }
  }

  @Test
  void readsSecretsRealKesWrote() throws Exception {
    // The exact CreateSecret real KES sends: Name and SecretString, nothing else.
    aws.createSecret(b -> b.name("kes-key").secretString(REAL_KES_VALUE));
    assertThat(new String(store.get("kes-key"), StandardCharsets.US_ASCII)).isEqualTo(REAL_KES_VALUE);
    assertThat(KeyVersionCodec.decode(store.get("kes-key")).createdBy()).startsWith("3ecfcdf3");
    assertThat(store.listAll("")).containsExactly("kes-key");
  }

  @Test
  void readsSecretBinaryWhenThereIsNoString() throws Exception {
    aws.createSecret(b -> b.name("binary-key").secretBinary(SdkBytes.fromByteArray(value(3))));
    assertThat(store.get("binary-key")).isEqualTo(value(3));
  }

  @Test
  void aValueThatIsNotUtf8IsStoredAsBinaryAndReadBackIntact() throws Exception {
    byte[] raw = {(byte) 0xff, 0, (byte) 0xc3, 0x28, 'k'};
    store.create("raw", raw);
    assertThat(aws.getSecretValue(b -> b.secretId("raw")).secretString()).isNull();
    assertThat(store.get("raw")).isEqualTo(raw);
  }

  @Test
  void deleteIsImmediateAndForGood() throws Exception {
    store.create("k", value(1));
    store.delete("k");
    // ForceDeleteWithoutRecovery: no recovery window, the secret is gone
    assertThatThrownBy(() -> aws.describeSecret(b -> b.secretId("k"))).isInstanceOf(ResourceNotFoundException.class);
    // AWS answers a force delete of a missing secret with success, and so do we
    assertThat(store.reportsMissingOnDelete()).isFalse();
    store.delete("k");
    store.delete("never-existed");
  }

  @Test
  void aSecretScheduledForDeletionIsNotListedCannotBeReadAndCanBeDeletedForGood() throws Exception {
    store.create("doomed", value(1));
    store.create("kept", value(2));
    // As the AWS console does by default: a 7..30 day recovery window
    aws.deleteSecret(b -> b.secretId("doomed").recoveryWindowInDays(7L));

    assertThat(store.listAll("")).containsExactly("kept");
    // Real KES fails here too (not "does not exist"): the secret can still be restored.
    assertThatThrownBy(() -> store.get("doomed"))
        .isInstanceOf(KeyStoreException.Failure.class)
        .hasMessageContaining("key 'doomed' is scheduled for deletion")
        .hasMessageContaining("RestoreSecret");
    // moto says "exists" to a create of that name; real AWS says InvalidRequestException,
    // which DeletionRetry turns into the same advice (DeletionRetryTest).
    assertThatThrownBy(() -> store.create("doomed", value(3))).isInstanceOf(KeyStoreException.class);

    store.delete("doomed"); // a force delete ends the recovery window
    store.create("doomed", value(3));
    assertThat(store.get("doomed")).isEqualTo(value(3));
  }

  @Test
  void listsOverAThousandSecretsCompletelyAcrossPagesAndLeavesOutNonKesNames() throws Exception {
    Set<String> kes = new TreeSet<>();
    for (int i = 0; i < 1_050; i++) {
      kes.add((i % 2 == 0 ? "tenant-" : "app-") + i);
    }
    kes.add("Tenant-upper"); // the name filter is case-sensitive
    createAll(kes);
    // Other secrets in the same account that are no KES keys (keystores.md K10)
    for (String other : List.of("prod/db-password", "my.secret", "-dash", "x".repeat(81))) {
      aws.createSecret(b -> b.name(other).secretString("not a KES key"));
    }

    assertThat(store.listAll("")).containsExactlyElementsOf(kes);
    assertThat(store.listAll("tenant-"))
        .containsExactlyElementsOf(kes.stream().filter(n -> n.startsWith("tenant-")).toList());
    assertThat(store.listAll("Tenant-")).containsExactly("Tenant-upper");
    assertThat(store.listAll("tenant-1")).allMatch(n -> n.startsWith("tenant-1")).contains("tenant-1000");

    List<String> paged = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      ListPage page = store.list("", after, 250);
      paged.addAll(page.names());
      after = page.next();
      pages++;
    } while (after != null);
    assertThat(pages).isEqualTo(5);
    assertThat(paged).containsExactlyElementsOf(kes);
  }

  private void createAll(Set<String> names) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      int i = 0;
      for (String n : names) {
        int seed = i++;
        futures.add(pool.submit(() -> {
          store.create(n, value(seed));
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void throttlingIsRetriedWithBackOffUntilTheCallGoesThrough() throws Exception {
    try (ThrottlingProxy proxy = new ThrottlingProxy(MOTO.server().endpoint(), "CreateSecret", 2);
        KeyStore throttled = new AwsSecretsManagerProvider().open(Moto.section(proxy.endpoint()))) {
      throttled.create("busy", value(1));
      assertThat(proxy.calls()).isEqualTo(3); // two throttled, the third created it
      assertThat(store.get("busy")).isEqualTo(value(1));
    }
  }

  @Test
  void throttlingThatDoesNotStopIsAClearFailure() throws Exception {
    int attempts = AwsSecretsManagerKeyStore.SDK_ATTEMPTS;
    try (ThrottlingProxy proxy = new ThrottlingProxy(MOTO.server().endpoint(), "DeleteSecret", attempts);
        KeyStore throttled = new AwsSecretsManagerProvider().open(Moto.section(proxy.endpoint()))) {
      store.create("k", value(1));
      assertThatThrownBy(() -> throttled.delete("k"))
          .isInstanceOf(KeyStoreException.Failure.class)
          .hasMessageContaining("kept throttling the request to delete key 'k'")
          .hasMessageContaining("ThrottlingException: Rate exceeded");
      assertThat(proxy.calls()).isEqualTo(attempts);
      assertThat(store.get("k")).isEqualTo(value(1)); // nothing was deleted
    }
  }

  @Test
  void anEndpointNobodyListensOnIsUnreachableWhenOpening() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: connections are refused
    }
    URI dead = URI.create("http://127.0.0.1:" + port);
    assertThatThrownBy(() -> new AwsSecretsManagerProvider().open(Moto.section(dead)))
        .isInstanceOf(KeyStoreException.Unreachable.class)
        .hasMessageStartingWith("AWS Secrets Manager at " + dead + " is not reachable");
  }

  @Test
  void statusIsAnUnauthenticatedGetAndDescriptionIsRealKesBanner() throws Exception {
    assertThat(store.status()).isPositive();
    assertThat(store.description()).isEqualTo("AWS SecretsManager: " + MOTO.server().endpoint());
  }
}
