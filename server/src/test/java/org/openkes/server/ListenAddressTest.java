package org.openkes.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code address} / {@code --addr} as Go's SplitHostPort and KES's IP check read it. */
class ListenAddressTest {
  @Test
  void valid() throws Exception {
    assertThat(ListenAddress.parse("0.0.0.0:7373")).isEqualTo(new ListenAddress("0.0.0.0", 7373));
    assertThat(ListenAddress.parse(":7000")).isEqualTo(new ListenAddress("", 7000));
    assertThat(ListenAddress.parse(":7000").isWildcard()).isTrue();
    assertThat(ListenAddress.parse("[::1]:7373").host()).isEqualTo("::1");
    assertThat(ListenAddress.parse("127.0.0.1:0").port()).isZero();
  }

  @Test
  void invalid() {
    assertThatThrownBy(() -> ListenAddress.parse("7373"))
        .hasMessage("address 7373: missing port in address");
    assertThatThrownBy(() -> ListenAddress.parse("localhost:7373"))
        .hasMessage("'localhost' is not a valid IP address");
    assertThatThrownBy(() -> ListenAddress.parse("1.2.3:7373"))
        .hasMessage("'1.2.3' is not a valid IP address");
    assertThatThrownBy(() -> ListenAddress.parse("::1:7373"))
        .hasMessage("address ::1:7373: too many colons in address");
    assertThatThrownBy(() -> ListenAddress.parse("127.0.0.1:http"))
        .hasMessage("listen tcp: address 127.0.0.1:http: invalid port");
    assertThatThrownBy(() -> ListenAddress.parse("127.0.0.1:70000"))
        .hasMessage("listen tcp: address 127.0.0.1:70000: invalid port");
  }
}
