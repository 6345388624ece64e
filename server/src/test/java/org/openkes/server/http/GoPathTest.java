package org.openkes.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's path cleaning, unescaping and IP text. */
class GoPathTest {
  @ParameterizedTest
  @CsvSource({
    "/v1/key/list/, /v1/key/list/",
    "/v1//key, /v1/key",
    "/v1/./key/, /v1/key/",
    "/v1/key/../status, /v1/status",
    "/../.., /",
    "/a/b/../../.., /",
    "'', /",
    "v1/status, /v1/status",
    "/v1/key/describe/a..b, /v1/key/describe/a..b",
  })
  void clean(String in, String out) {
    assertThat(GoPath.clean(in)).isEqualTo(out);
  }

  @Test
  void unescape() {
    assertThat(GoPath.unescape("/v1/key/create/my%2Dkey")).hasValue("/v1/key/create/my-key");
    assertThat(GoPath.unescape("/a%2Fb")).hasValue("/a/b");
    assertThat(GoPath.unescapeForMatch("/a%2Fb%41")).hasValue("/a%2FbA");
    assertThat(GoPath.unescape("/%E2%98%B0")).hasValue("/\u2630");
    assertThat(GoPath.unescape("/a+b")).hasValue("/a+b");
    assertThat(GoPath.unescape("/%zz")).isEmpty();
    assertThat(GoPath.unescape("/%4")).isEmpty();
  }

  @Test
  void ipText() throws Exception {
    assertThat(IpText.of(InetAddress.getByName("127.0.0.1"))).isEqualTo("127.0.0.1");
    assertThat(IpText.of(InetAddress.getByName("::1"))).isEqualTo("::1");
    assertThat(IpText.of(InetAddress.getByName("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
    assertThat(IpText.of(InetAddress.getByName("fe80:0:0:0:0:0:0:0"))).isEqualTo("fe80::");
    assertThat(IpText.of(InetAddress.getByName("::"))).isEqualTo("::");
    assertThat(IpText.of(InetAddress.getByName("2001:db8:1:2:3:4:5:6"))).isEqualTo("2001:db8:1:2:3:4:5:6");
  }
}
