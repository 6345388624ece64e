package org.openkes.keystores.aws;

import java.net.URI;
import java.util.Objects;

/**
 * The {@code keystore.aws.secretsmanager} section, validated.
 *
 * @param endpoint the endpoint as written in the config (what the server banner shows)
 * @param uri the endpoint as a URL: {@code https://} is added when the config has no scheme,
 *     as the Go SDK real KES uses does
 * @param region the AWS region requests are signed for
 * @param kmsKey the KMS key (id, ARN or alias) Secrets Manager encrypts new secrets with; empty
 *     for the account's default key {@code aws/secretsmanager}
 * @param credentials static credentials, or the SDK's default chain
 */
public record AwsConfig(String endpoint, URI uri, String region, String kmsKey, Credentials credentials) {
  public AwsConfig {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(kmsKey, "kmsKey");
    Objects.requireNonNull(credentials, "credentials");
  }

  /** Where the credentials come from. */
  public sealed interface Credentials permits DefaultChain, Static {}

  /**
   * All of {@code credentials.*} empty: the AWS SDK's default chain (system properties,
   * environment, web identity, {@code ~/.aws} profiles, container and EC2 instance roles), as
   * real KES does with the Go SDK's chain.
   */
  public record DefaultChain() implements Credentials {}

  /**
   * {@code credentials.accesskey}/{@code secretkey}/{@code token}. {@link #toString()} leaves
   * the secret parts out so that the record can never print them by accident.
   */
  public record Static(String accessKey, String secretKey, String sessionToken) implements Credentials {
    public Static {
      Objects.requireNonNull(accessKey, "accessKey");
      Objects.requireNonNull(secretKey, "secretKey");
      Objects.requireNonNull(sessionToken, "sessionToken");
    }

    @Override
    public String toString() {
      return "Static[secret key and session token not shown]";
    }
  }
}
