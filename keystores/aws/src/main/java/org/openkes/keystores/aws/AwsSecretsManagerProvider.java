package org.openkes.keystores.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;
import org.openkes.core.config.ConfigException;
import org.openkes.core.config.Section;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.core.keystore.KeyStoreProvider;

/**
 * {@code keystore: aws: secretsmanager: {endpoint, region, kmskey, credentials: {accesskey,
 * secretkey, token}}} (kes-compat.md §4.3). Opening probes the endpoint like real KES's
 * {@code Connect}, so an unreachable endpoint fails here.
 */
public final class AwsSecretsManagerProvider implements KeyStoreProvider {
  static final String TYPE = "aws.secretsmanager";
  /** Real KES's prefix for every error of this section (kesconf/config.go). */
  static final String INVALID = "kesconf: invalid AWS secretsmanager keystore: ";

  private static final Set<String> FIELDS = Set.of("endpoint", "region", "kmskey", "credentials");
  private static final Set<String> CREDENTIAL_FIELDS = Set.of("accesskey", "secretkey", "token");

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public KeyStore open(Section section) throws ConfigException, KeyStoreException {
    return AwsSecretsManagerKeyStore.connect(parse(section));
  }

  /** Validates the section; real KES's checks and messages first, then ours. */
  static AwsConfig parse(Section section) throws ConfigException {
    // Real KES ignores unknown fields. We refuse them here: a misspelt 'accesskey' would
    // otherwise silently switch to the default credential chain.
    rejectUnknown(section, FIELDS);
    Optional<Section> creds = section.section("credentials");
    if (creds.isPresent()) {
      rejectUnknown(creds.get(), CREDENTIAL_FIELDS);
    }

    String endpoint = section.string("endpoint").orElse("");
    if (endpoint.isEmpty()) {
      throw section.error("endpoint", INVALID + "no endpoint specified");
    }
    String region = section.string("region").orElse("");
    if (region.isEmpty()) {
      throw section.error("region", INVALID + "no region specified");
    }
    String kmsKey = section.string("kmskey").orElse("");

    AwsConfig.Credentials credentials = new AwsConfig.DefaultChain();
    if (creds.isPresent()) {
      Section c = creds.get();
      String accessKey = c.string("accesskey").orElse("");
      String secretKey = c.string("secretkey").orElse("");
      String token = c.string("token").orElse("");
      if (!accessKey.isEmpty() || !secretKey.isEmpty() || !token.isEmpty()) {
        // Real KES passes half-set credentials to the SDK, which then fails every request
        // with "static credentials are empty"; we say so when the file is loaded.
        if (accessKey.isEmpty()) {
          throw c.error("accesskey", INVALID + "no access key specified (credentials.accesskey; leave all"
              + " credentials empty to use the AWS default credential chain)");
        }
        if (secretKey.isEmpty()) {
          throw c.error("secretkey", INVALID + "no secret key specified (credentials.secretkey; leave all"
              + " credentials empty to use the AWS default credential chain)");
        }
        credentials = new AwsConfig.Static(accessKey, secretKey, token);
      }
    }
    return new AwsConfig(endpoint, endpointUri(section, endpoint), region, kmsKey, credentials);
  }

  /**
   * The endpoint as a URL. Real KES's Go SDK prefixes {@code https://} when the value has no
   * scheme ({@code secretsmanager.us-east-1.amazonaws.com}); a full URL (moto's
   * {@code http://127.0.0.1:5000}) is used as it is.
   */
  static URI endpointUri(Section section, String endpoint) throws ConfigException {
    String s = endpoint.strip();
    String url = s.contains("://") ? s : "https://" + s;
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw section.error("endpoint", INVALID + "invalid endpoint '" + endpoint + "': " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw section.error("endpoint", INVALID + "invalid endpoint '" + endpoint + "': the scheme must be https or http");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw section.error("endpoint", INVALID + "invalid endpoint '" + endpoint + "': no host name");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw section.error("endpoint", INVALID + "invalid endpoint '" + endpoint + "': a query or fragment is not allowed");
    }
    return uri;
  }

  private static void rejectUnknown(Section section, Set<String> known) throws ConfigException {
    for (String key : section.keys()) {
      if (!known.contains(key)) {
        String path = section.path().isEmpty() ? key : section.path() + "." + key;
        throw section.error(key, INVALID + "unknown field '" + path + "' (known: "
            + String.join(", ", known.stream().sorted().toList()) + ")");
      }
    }
  }
}
