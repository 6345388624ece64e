package org.openkes.keystores.aws;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openkes.core.config.MapSection;
import org.openkes.core.config.Section;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Config sections and a raw SDK client for tests against moto. */
public final class Moto {
  private Moto() {}

  public static final String REGION = "us-east-1";

  /** A {@code keystore.aws.secretsmanager} section with dummy static credentials. */
  public static Section section(URI endpoint) {
    return section(endpoint, "");
  }

  public static Section section(URI endpoint, String kmsKey) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("endpoint", endpoint.toString());
    m.put("region", REGION);
    if (!kmsKey.isEmpty()) {
      m.put("kmskey", kmsKey);
    }
    m.put("credentials", Map.of("accesskey", "testing", "secretkey", "testing"));
    return MapSection.of(m);
  }

  /** The YAML of a KES config whose keystore is this moto (for migrate's config files). */
  public static String yaml(URI endpoint) {
    return """
        keystore:
          aws:
            secretsmanager:
              endpoint: %s
              region: %s
              credentials:
                accesskey: testing
                secretkey: testing
        """.formatted(endpoint, REGION);
  }

  /** A plain SDK client, to look at (or prepare) secrets the way other AWS tools do. */
  public static SecretsManagerClient rawClient(URI endpoint) {
    return SecretsManagerClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
