package org.openkes.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-encoded API-key certificate is byte for byte the one BouncyCastle builds. */
class ApiKeyCertificatesTest {
  @ParameterizedTest
  @ValueSource(strings = {"2025-03-12T09:35:18.765Z", "1999-12-31T23:59:59Z",
      "2049-12-01T00:00:00Z", "2050-01-01T00:00:00Z", "2100-06-15T12:00:00.999Z"})
  void sameBytesAsBouncyCastle(String now) throws Exception {
    for (long seed = 0; seed < 20; seed++) {
      ApiKey key = ApiKey.generate(TestSupport.RANDOM);
      Instant t = Instant.parse(now);
      byte[] ours = ApiKeyCertificates.create(key, t, sameSerials(seed)).getEncoded();
      byte[] bc = SelfSignedCertificates.forApiKey(key, t, sameSerials(seed)).getEncoded();
      assertThat(ours).as("key %s at %s", key.identity(), now).isEqualTo(bc);
    }
  }

  @Test
  void apiKeyCertificateUsesIt() throws Exception {
    ApiKey key = ApiKey.generate(TestSupport.RANDOM);
    Instant t = Instant.parse("2025-03-12T09:35:18Z");
    assertThat(key.certificate(t, sameSerials(7)).getEncoded())
        .isEqualTo(SelfSignedCertificates.forApiKey(key, t, sameSerials(7)).getEncoded());
  }

  /** A deterministic source, so both builders draw the same serial number. */
  private static SecureRandom sameSerials(long seed) {
    Random r = new Random(seed);
    return new SecureRandom() {
      private static final long serialVersionUID = 1L;

      @Override
      public void nextBytes(byte[] bytes) {
        r.nextBytes(bytes);
      }
    };
  }
}
