package org.openkes.keystores.aws;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.openkes.core.key.KeyName;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.core.keystore.ListPage;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/**
 * AWS Secrets Manager as a keystore, stored exactly as real KES stores it (keystores.md §5): one
 * secret per key, named after the key, no prefix, tags or description; the value verbatim in
 * {@code SecretString}; {@code kmskey} as the secret's {@code KmsKeyId}. Secrets written by
 * real KES are read as they are, and the other way round.
 *
 * <p>Calls go through the AWS SDK v2 with its standard retry strategy (exponential back-off
 * with jitter, longer for throttling), which covers throttling and transient network errors.
 */
public final class AwsSecretsManagerKeyStore implements KeyStore {
  /** ListSecrets' largest page. */
  static final int LIST_PAGE = 100;
  /** Attempts per call inside the SDK (throttling, 5xx, I/O errors); the SDK default is 3. */
  static final int SDK_ATTEMPTS = 6;
  /** Prefixes we may send as a ListSecrets name filter (its alphabet, minus the '!' of negation). */
  private static final Pattern FILTERABLE = Pattern.compile("[0-9A-Za-z_\\-]{1,512}");

  private final AwsConfig config;
  private final SecretsManagerClient client;
  private final CredentialsChain credentials;
  private final StatusProbe probe;
  private final Clock clock;

  private AwsSecretsManagerKeyStore(AwsConfig config, SecretsManagerClient client, CredentialsChain credentials,
      StatusProbe probe, Clock clock) {
    this.config = config;
    this.client = client;
    this.credentials = credentials;
    this.probe = probe;
    this.clock = clock;
  }

  /**
   * Builds the client and checks the endpoint answers, as real KES's {@code Connect} does.
   *
   * @throws KeyStoreException.Unreachable if it does not
   */
  public static AwsSecretsManagerKeyStore connect(AwsConfig config) throws KeyStoreException {
    CredentialsChain credentials = CredentialsChain.of(config.credentials());
    SecretsManagerClient client = SecretsManagerClient.builder()
        .endpointOverride(config.uri())
        .region(Region.of(config.region()))
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(30))
            .build())
        .overrideConfiguration(o -> o
            // No circuit breaker: a long migration that meets throttling should slow down and
            // go on, not start failing keys once a retry budget is spent.
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(SDK_ATTEMPTS)
                .circuitBreakerEnabled(false)
                .build())
            .apiCallTimeout(Duration.ofMinutes(2)))
        .build();
    StatusProbe probe = new StatusProbe(config.uri(), config.endpoint());
    AwsSecretsManagerKeyStore store =
        new AwsSecretsManagerKeyStore(config, client, credentials, probe, Clock.systemUTC());
    try {
      store.status();
    } catch (KeyStoreException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /** The validated config this store was opened with. */
  public AwsConfig config() {
    return config;
  }

  @Override
  public void create(String name, byte[] value) throws KeyStoreException {
    CreateSecretRequest.Builder request = CreateSecretRequest.builder().name(name);
    String text = utf8(value);
    if (text != null) {
      request.secretString(text); // what real KES writes: the value verbatim as a string
    } else {
      // KES values are ASCII, so this never happens with KES keys; a string would have to
      // replace the invalid bytes. Real KES reads SecretBinary too, so nothing is lost.
      request.secretBinary(SdkBytes.fromByteArray(value));
    }
    if (!config.kmsKey().isEmpty()) {
      request.kmsKeyId(config.kmsKey());
    }
    CreateSecretRequest req = request.build();
    for (int failed = 0; ; ) {
      try {
        client.createSecret(req);
        return;
      } catch (ResourceExistsException e) {
        throw new KeyStoreException.KeyExists(name);
      } catch (SdkException e) {
        if (!AwsErrors.isDeletionConflict(e)) {
          throw AwsErrors.map(Operation.CREATE, name, config.endpoint(), e);
        }
        failed++;
        DeletionRetry.Decision d = DeletionRetry.decide(failed, scheduledDeletion(name), clock.instant());
        switch (d) {
          case DeletionRetry.GiveUp g -> throw new KeyStoreException.Failure(
              "AWS Secrets Manager at " + config.endpoint() + ": cannot create key '" + name + "': " + g.reason(), e);
          case DeletionRetry.Retry r -> sleep(r.delay(), name);
        }
      }
    }
  }

  /** The deletion date of the secret {@code name}, or null if it has none or is gone. */
  private Instant scheduledDeletion(String name) throws KeyStoreException {
    try {
      DescribeSecretResponse d = client.describeSecret(b -> b.secretId(name));
      return d.deletedDate();
    } catch (ResourceNotFoundException e) {
      return null;
    } catch (SdkException e) {
      throw AwsErrors.map(Operation.CREATE, name, config.endpoint(), e);
    }
  }

  private static void sleep(Duration d, String name) throws KeyStoreException {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeyStoreException.Failure("interrupted while waiting to create key '" + name + "'", e);
    }
  }

  @Override
  public byte[] get(String name) throws KeyStoreException {
    GetSecretValueResponse r;
    try {
      r = client.getSecretValue(b -> b.secretId(name));
    } catch (ResourceNotFoundException e) {
      throw new KeyStoreException.KeyNotFound(name);
    } catch (SdkException e) {
      if (AwsErrors.isDeletionConflict(e)) {
        // Real KES reports this as a failure too (not "does not exist"): the secret is still
        // there and can be restored, so a migration must not write over its name.
        throw new KeyStoreException.Failure("AWS Secrets Manager at " + config.endpoint() + ": key '" + name
            + "' is scheduled for deletion; restore it with RestoreSecret to use it, or delete it for good"
            + " (kes key delete, or DeleteSecret with ForceDeleteWithoutRecovery)", e);
      }
      throw AwsErrors.map(Operation.GET, name, config.endpoint(), e);
    }
    // Secrets Manager holds either a string or binary; the console shows only strings.
    if (r.secretString() != null) {
      return r.secretString().getBytes(StandardCharsets.UTF_8);
    }
    if (r.secretBinary() != null) {
      return r.secretBinary().asByteArray();
    }
    throw new KeyStoreException.Failure("AWS Secrets Manager at " + config.endpoint() + " returned no value for key '"
        + name + "' (neither SecretString nor SecretBinary)", null);
  }

  /**
   * Deletes at once and for good ({@code ForceDeleteWithoutRecovery}), as real KES does. AWS
   * answers a force delete of a missing secret with success (so that retries are safe), so
   * this store cannot tell "not found" apart: see {@link #reportsMissingOnDelete()}.
   */
  @Override
  public void delete(String name) throws KeyStoreException {
    try {
      client.deleteSecret(b -> b.secretId(name).forceDeleteWithoutRecovery(true));
    } catch (ResourceNotFoundException e) {
      // Older endpoints and emulators may still say so; the result is the same.
    } catch (SdkException e) {
      throw AwsErrors.map(Operation.DELETE, name, config.endpoint(), e);
    }
  }

  @Override
  public boolean reportsMissingOnDelete() {
    return false;
  }

  @Override
  public ListPage list(String prefix, String continueAfter, int limit) throws KeyStoreException {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    // ListSecrets has no order and no "start after": every page lists the matching names
    // anew. listAll (what migrate uses) does a single pass instead.
    NavigableSet<String> names = names(prefix);
    NavigableSet<String> tail = continueAfter == null ? names : names.tailSet(continueAfter, false);
    List<String> page = new ArrayList<>(Math.min(limit, tail.size()));
    for (String n : tail) {
      if (page.size() == limit) {
        return new ListPage(page, page.get(limit - 1));
      }
      page.add(n);
    }
    return ListPage.last(page);
  }

  @Override
  public List<String> listAll(String prefix) throws KeyStoreException {
    return List.copyOf(names(prefix));
  }

  /**
   * Every secret name with the prefix, sorted, following NextToken to the end. Unlike real
   * KES, names that cannot be KES keys (an AWS account often holds other secrets, such as
   * {@code prod/db-password}) are left out: no KES client could use them, and a migration
   * would fail on them.
   */
  private NavigableSet<String> names(String prefix) throws KeyStoreException {
    ListSecretsRequest.Builder request = ListSecretsRequest.builder().maxResults(LIST_PAGE);
    if (FILTERABLE.matcher(prefix).matches()) {
      // Server-side "name" filter: a case-sensitive prefix match. We still check each name,
      // so a looser match by some other endpoint cannot leak names.
      request.filters(Filter.builder().key(FilterNameStringType.NAME).values(prefix).build());
    }
    NavigableSet<String> names = new TreeSet<>();
    try {
      for (ListSecretsResponse page : client.listSecretsPaginator(request.build())) {
        for (SecretListEntry e : page.secretList()) {
          String n = e.name();
          if (n != null && n.startsWith(prefix) && KeyName.isValid(n)) {
            names.add(n);
          }
        }
      }
    } catch (SdkException e) {
      throw AwsErrors.map(Operation.LIST, null, config.endpoint(), e);
    }
    return names;
  }

  @Override
  public Duration status() throws KeyStoreException {
    return probe.check();
  }

  /** As real KES's banner: {@code AWS SecretsManager: <endpoint>}. */
  @Override
  public String description() {
    return "AWS SecretsManager: " + config.endpoint();
  }

  @Override
  public void close() {
    client.close();
    credentials.close();
    probe.close();
  }

  /** The value as text if it is valid UTF-8, else null. */
  private static String utf8(byte[] value) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
