package org.openkes.keystores.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.openkes.core.keystore.KeyStoreContract.value;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openkes.core.config.MapSection;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Credentials against a moto that checks signatures and IAM policies (moto's request
 * authentication): static keys, session tokens, the default chain, and the errors a user sees
 * when they are wrong.
 */
@Timeout(120)
class AwsCredentialsTest {
  @RegisterExtension static final MotoExtension MOTO = new MotoExtension();

  private static final String ALLOW_SECRETS = """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["secretsmanager:*","sts:AssumeRole"],"Resource":"*"}]}""";

  private static final String TRUST_ACCOUNT = """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/kes"},"Action":"sts:AssumeRole"}]}""";

  record Keys(String accessKey, String secretKey) {
    @Override
    public String toString() {
      return "Keys[" + accessKey + "]";
    }
  }

  private Keys allowed;
  private Keys powerless;

  @BeforeEach
  void users() throws Exception {
    MotoServer moto = MOTO.server();
    moto.reset();
    // Exactly these seven IAM calls pass unauthenticated; every request after them is checked.
    moto.requireAuthAfter(7);
    allowed = user("kes", ALLOW_SECRETS);
    powerless = user("nobody", null);
    moto.unsignedQuery("iam", "Action=CreateRole&Version=2010-05-08&RoleName=kes-role&AssumeRolePolicyDocument="
        + URLEncoder.encode(TRUST_ACCOUNT, StandardCharsets.UTF_8));
    moto.unsignedQuery("iam", "Action=PutRolePolicy&Version=2010-05-08&RoleName=kes-role&PolicyName=kes&PolicyDocument="
        + URLEncoder.encode(ALLOW_SECRETS, StandardCharsets.UTF_8));
  }

  @AfterEach
  void authOff() throws Exception {
    MOTO.server().requireAuthAfter(Double.POSITIVE_INFINITY);
  }

  private Keys user(String name, String policy) throws Exception {
    MotoServer moto = MOTO.server();
    moto.unsignedQuery("iam", "Action=CreateUser&Version=2010-05-08&UserName=" + name);
    String xml = moto.unsignedQuery("iam", "Action=CreateAccessKey&Version=2010-05-08&UserName=" + name);
    if (policy != null) {
      moto.unsignedQuery("iam", "Action=PutUserPolicy&Version=2010-05-08&UserName=" + name
          + "&PolicyName=kes&PolicyDocument=" + URLEncoder.encode(policy, StandardCharsets.UTF_8));
    }
    return new Keys(tag(xml, "AccessKeyId"), tag(xml, "SecretAccessKey"));
  }

  private static String tag(String xml, String tag) {
    Matcher m = Pattern.compile("<" + tag + ">([^<]+)</" + tag + ">").matcher(xml);
    if (!m.find()) {
      throw new IllegalStateException("no " + tag + " in moto's answer");
    }
    return m.group(1);
  }

  private KeyStore open(String accessKey, String secretKey, String token) throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("endpoint", MOTO.server().endpoint().toString());
    m.put("region", Moto.REGION);
    m.put("credentials", Map.of("accesskey", accessKey, "secretkey", secretKey, "token", token));
    return new AwsSecretsManagerProvider().open(MapSection.of(m));
  }

  private static void roundTrip(KeyStore store) throws Exception {
    store.create("k", value(1));
    assertThat(store.get("k")).isEqualTo(value(1));
    assertThat(store.listAll("")).containsExactly("k");
    store.delete("k");
    assertThat(store.listAll("")).isEmpty();
  }

  @Test
  void staticCredentialsWithPermissionWork() throws Exception {
    try (KeyStore store = open(allowed.accessKey(), allowed.secretKey(), "")) {
      roundTrip(store);
    }
  }

  @Test
  void aWrongSecretKeyIsAClearFailureThatShowsNoSecret() throws Exception {
    String wrong = "wrong" + allowed.secretKey().substring(5);
    // Opening only probes the endpoint without credentials, like real KES: it succeeds.
    try (KeyStore store = open(allowed.accessKey(), wrong, "")) {
      assertThatThrownBy(() -> store.create("k", value(1)))
          .isInstanceOf(KeyStoreException.Failure.class)
          .hasMessageStartingWith("AWS Secrets Manager at " + MOTO.server().endpoint() + " rejected the credentials (")
          .hasMessageContaining("keystore.aws.secretsmanager.credentials")
          .hasMessageNotContaining(wrong)
          .hasMessageNotContaining(allowed.secretKey());
      assertThatThrownBy(() -> store.listAll("")).hasMessageContaining("rejected the credentials");
    }
  }

  @Test
  void anUnknownAccessKeyIsAClearFailure() throws Exception {
    try (KeyStore store = open("AKIAUNKNOWNKEY000000", "whatever", "")) {
      assertThatThrownBy(() -> store.get("k"))
          .isInstanceOf(KeyStoreException.Failure.class)
          .hasMessageContaining("rejected the credentials (InvalidClientTokenId");
    }
  }

  @Test
  void aMissingPermissionNamesTheAction() throws Exception {
    try (KeyStore store = open(powerless.accessKey(), powerless.secretKey(), "")) {
      assertThatThrownBy(() -> store.create("k", value(1)))
          .isInstanceOf(KeyStoreException.Failure.class)
          .hasMessageContaining("denied the request to create key 'k'")
          .hasMessageEndingWith("the credentials need the permission secretsmanager:CreateSecret");
      assertThatThrownBy(() -> store.listAll(""))
          .hasMessageEndingWith("the credentials need the permission secretsmanager:ListSecrets");
    }
  }

  @Test
  void sessionCredentialsWithTheirTokenWork() throws Exception {
    Credentials session;
    try (StsClient sts = StsClient.builder()
        .endpointOverride(MOTO.server().endpoint())
        .region(Region.of(Moto.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(allowed.accessKey(), allowed.secretKey())))
        .httpClient(UrlConnectionHttpClient.create())
        .build()) {
      // Session credentials of an assumed role: access key, secret key and token
      session = sts.assumeRole(b -> b.roleArn("arn:aws:iam::123456789012:role/kes-role").roleSessionName("kes"))
          .credentials();
    }
    try (KeyStore store = open(session.accessKeyId(), session.secretAccessKey(), session.sessionToken())) {
      roundTrip(store);
    }
    try (KeyStore store = open(session.accessKeyId(), session.secretAccessKey(), "not-the-token")) {
      assertThatThrownBy(() -> store.get("k")).hasMessageContaining("rejected the credentials");
    }
  }

  @Test
  void allCredentialsEmptyUseTheDefaultChain() throws Exception {
    // System properties are the first source of the SDK's default chain.
    List<String> props = List.of("aws.accessKeyId", "aws.secretAccessKey");
    System.setProperty("aws.accessKeyId", allowed.accessKey());
    System.setProperty("aws.secretAccessKey", allowed.secretKey());
    try (KeyStore store = open("", "", "")) {
      roundTrip(store);
    } finally {
      props.forEach(System::clearProperty);
    }
  }

  @Test
  void noCredentialsAnywhereIsAClearFailure() throws Exception {
    for (String v : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
      assumeTrue(System.getenv(v) == null, v + " is set in the environment; the default chain would use it");
    }
    // Surefire points ~/.aws at missing files and turns off the EC2 metadata lookup.
    try (KeyStore store = open("", "", "")) {
      assertThatThrownBy(() -> store.create("k", value(1)))
          .isInstanceOf(KeyStoreException.Failure.class)
          .hasMessageContaining("no AWS credentials")
          .hasMessageContaining("the AWS default credential chain found none");
    }
  }
}
