package org.openkes.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.client.KesClient;
import org.openkes.core.identity.ApiKey;

class SmokeTest {
  @Test
  void smoke(@TempDir Path dir) throws Exception {
    KesBinary kes = KesBinary.require();
    ApiKey admin = ApiKey.generate(new SecureRandom());
    try (RealKesServer s = RealKesServer.builder(kes, dir).admin(admin.identity()).start();
        KesClient c = s.client(admin)) {
      System.out.println(c.version());
      System.out.println(c.status());
      c.createKey("k1");
      System.out.println(c.describeKey("k1"));
      System.out.println(c.listKeys(""));
      System.out.println(c.apis());
      System.out.println(c.metrics());
      System.out.println(c.describeSelf());
      assertThat(c.listKeys("").items()).isEqualTo(List.of("k1"));
    }
  }
}
