package org.openkes.keystores.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openkes.core.config.ConfigException;
import org.openkes.core.config.MapSection;
import org.openkes.core.config.ServerConfigLoader;
import org.openkes.core.keystore.KeyStores;

/** The {@code aws.secretsmanager} section: real KES's checks and messages, then ours. */
class AwsConfigTest {
  private static final String INVALID = "kesconf: invalid AWS secretsmanager keystore: ";

  private static AwsConfig parse(Map<String, ?> m) throws ConfigException {
    return AwsSecretsManagerProvider.parse(MapSection.of(m));
  }

  /** Opens through the registry, as kes server and kes migrate do, from a YAML file. */
  private static void openYaml(String yaml, Map<String, String> env) throws Exception {
    KeyStores.fromClassPath().open(ServerConfigLoader.parseKeystore("config.yml", yaml, env::get)).close();
  }

  @Test
  void theProviderIsRegisteredUnderRealKesSectionName() {
    assertThat(KeyStores.fromClassPath().types()).contains("aws.secretsmanager");
  }

  @Test
  void noEndpointIsRealKesMessage() {
    assertThatThrownBy(() -> parse(Map.of("region", "us-east-1")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(INVALID + "no endpoint specified");
    // endpoint is checked before region, as in real KES
    assertThatThrownBy(() -> parse(Map.of("endpoint", "", "region", "")))
        .hasMessage(INVALID + "no endpoint specified");
  }

  @Test
  void noRegionIsRealKesMessage() {
    assertThatThrownBy(() -> parse(Map.of("endpoint", "secretsmanager.us-east-1.amazonaws.com")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(INVALID + "no region specified");
  }

  @Test
  void messagesFromAFileNameTheLine() {
    String yaml = """
        address: 0.0.0.0:7373
        keystore:
          aws:
            secretsmanager:
              endpoint: secretsmanager.us-east-1.amazonaws.com
              region: ""
        """;
    assertThatThrownBy(() -> openYaml(yaml, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yml:6: " + INVALID + "no region specified");
    String noEndpoint = """
        keystore:
          aws:
            secretsmanager:
              region: us-east-1
        """;
    assertThatThrownBy(() -> openYaml(noEndpoint, Map.of()))
        .hasMessageStartingWith("config.yml")
        .hasMessageEndingWith(INVALID + "no endpoint specified");
  }

  @Test
  void aSecondKeystoreIsRealKesMessage() {
    String yaml = """
        keystore:
          fs:
            path: /tmp/x
          aws:
            secretsmanager:
              endpoint: secretsmanager.us-east-1.amazonaws.com
              region: us-east-1
        """;
    assertThatThrownBy(() -> openYaml(yaml, Map.of()))
        .hasMessageEndingWith("kesconf: invalid keystore config: more than once keystore specified");
  }

  @Test
  void endpointWithoutSchemeIsHttpsLikeTheGoSdk() throws Exception {
    AwsConfig c = parse(Map.of("endpoint", "secretsmanager.eu-west-1.amazonaws.com", "region", "eu-west-1"));
    assertThat(c.uri()).isEqualTo(URI.create("https://secretsmanager.eu-west-1.amazonaws.com"));
    assertThat(c.endpoint()).isEqualTo("secretsmanager.eu-west-1.amazonaws.com");
    assertThat(parse(Map.of("endpoint", "http://127.0.0.1:5000", "region", "x")).uri())
        .isEqualTo(URI.create("http://127.0.0.1:5000"));
    assertThat(parse(Map.of("endpoint", "127.0.0.1:5000", "region", "x")).uri())
        .isEqualTo(URI.create("https://127.0.0.1:5000"));
  }

  @Test
  void unusableEndpointsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> parse(Map.of("endpoint", "ftp://example.com", "region", "x")))
        .hasMessage(INVALID + "invalid endpoint 'ftp://example.com': the scheme must be https or http");
    assertThatThrownBy(() -> parse(Map.of("endpoint", "https://", "region", "x")))
        .hasMessageStartingWith(INVALID + "invalid endpoint 'https://'");
    assertThatThrownBy(() -> parse(Map.of("endpoint", "secrets manager", "region", "x")))
        .hasMessageStartingWith(INVALID + "invalid endpoint 'secrets manager'");
  }

  @Test
  void allCredentialsEmptyMeansTheDefaultChain() throws Exception {
    assertThat(parse(Map.of("endpoint", "e", "region", "r")).credentials())
        .isInstanceOf(AwsConfig.DefaultChain.class);
    assertThat(parse(Map.of("endpoint", "e", "region", "r",
        "credentials", Map.of("accesskey", "", "secretkey", "", "token", ""))).credentials())
        .isInstanceOf(AwsConfig.DefaultChain.class);
  }

  @Test
  void staticCredentialsAndKmsKeyComeFromTheEnvironment() throws Exception {
    String yaml = """
        keystore:
          aws:
            secretsmanager:
              endpoint: ${AWS_EP}
              region: ${AWS_REGION_X}
              kmskey: ${KMS}
              credentials:
                accesskey: ${AK}
                secretkey: ${SK}
                token: ${TOKEN}
        """;
    Map<String, String> env = Map.of("AWS_EP", "http://127.0.0.1:1", "AWS_REGION_X", "eu-central-1",
        "KMS", "alias/kes", "AK", "AKIAEXAMPLE", "SK", "secret/value", "TOKEN", "FwoGZXIvYXdzEXAMPLE");
    AwsConfig c = AwsSecretsManagerProvider.parse(
        ServerConfigLoader.parseKeystore("config.yml", yaml, env::get).section("aws.secretsmanager").orElseThrow());
    assertThat(c.region()).isEqualTo("eu-central-1");
    assertThat(c.kmsKey()).isEqualTo("alias/kes");
    assertThat(c.credentials()).isEqualTo(new AwsConfig.Static("AKIAEXAMPLE", "secret/value", "FwoGZXIvYXdzEXAMPLE"));
    // the record never prints the secret parts
    assertThat(c.toString()).doesNotContain("secret/value").doesNotContain("FwoGZXIvYXdzEXAMPLE");
  }

  @Test
  void halfSetCredentialsAreRefusedWhenLoading() {
    assertThatThrownBy(() -> parse(Map.of("endpoint", "e", "region", "r",
        "credentials", Map.of("accesskey", "AKIAEXAMPLE"))))
        .hasMessageStartingWith(INVALID + "no secret key specified (credentials.secretkey;");
    assertThatThrownBy(() -> parse(Map.of("endpoint", "e", "region", "r",
        "credentials", Map.of("secretkey", "s", "token", "t"))))
        .hasMessageStartingWith(INVALID + "no access key specified (credentials.accesskey;");
  }

  @Test
  void unknownFieldsAreRefusedSoThatATypoCannotSwitchCredentials() {
    assertThatThrownBy(() -> parse(Map.of("endpoint", "e", "region", "r",
        "credentials", Map.of("access_key", "AKIAEXAMPLE", "secretkey", "s"))))
        .hasMessageStartingWith(INVALID + "unknown field 'credentials.access_key'");
    assertThatThrownBy(() -> parse(Map.of("endpoint", "e", "region", "r", "kms_key", "k")))
        .hasMessageStartingWith(INVALID + "unknown field 'kms_key'");
  }
}
