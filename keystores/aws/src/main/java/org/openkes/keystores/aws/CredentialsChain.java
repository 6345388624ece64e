package org.openkes.keystores.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The credentials provider for a config: static keys, or the SDK's default chain wrapped so
 * that "found no credentials" reaches {@link AwsErrors} as a type, not as a message to parse.
 */
final class CredentialsChain implements AwsCredentialsProvider, SdkAutoCloseable {
  private final AwsCredentialsProvider delegate;
  private final boolean defaultChain;

  private CredentialsChain(AwsCredentialsProvider delegate, boolean defaultChain) {
    this.delegate = delegate;
    this.defaultChain = defaultChain;
  }

  static CredentialsChain of(AwsConfig.Credentials credentials) {
    return switch (credentials) {
      case AwsConfig.DefaultChain d -> new CredentialsChain(DefaultCredentialsProvider.builder().build(), true);
      case AwsConfig.Static s -> new CredentialsChain(StaticCredentialsProvider.create(
          s.sessionToken().isEmpty()
              ? AwsBasicCredentials.create(s.accessKey(), s.secretKey())
              : AwsSessionCredentials.create(s.accessKey(), s.secretKey(), s.sessionToken())), false);
    };
  }

  @Override
  public AwsCredentials resolveCredentials() {
    if (!defaultChain) {
      return delegate.resolveCredentials();
    }
    try {
      return delegate.resolveCredentials();
    } catch (SdkClientException e) {
      throw new NoCredentials(e);
    }
  }

  @Override
  public void close() {
    if (delegate instanceof SdkAutoCloseable c) {
      c.close();
    }
  }

  /** The default chain found no credentials. */
  static final class NoCredentials extends SdkClientException {
    private static final long serialVersionUID = 1L;

    NoCredentials(SdkClientException cause) {
      super(SdkClientException.builder().message("no AWS credentials found").cause(cause));
    }
  }
}
