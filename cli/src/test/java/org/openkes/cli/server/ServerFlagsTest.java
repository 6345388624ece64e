package org.openkes.cli.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code kes server} flags as {@code spf13/pflag} parses them. */
class ServerFlagsTest {
  @Test
  void bothValueSyntaxes() throws Exception {
    ServerFlags f = ServerFlags.parse(List.of("--addr", ":7000", "--config=c.yml"));
    assertThat(f.addr()).isEqualTo(":7000");
    assertThat(f.config()).isEqualTo("c.yml");
    assertThat(f.dev()).isFalse();
  }

  @Test
  void devIsABool() throws Exception {
    assertThat(ServerFlags.parse(List.of("--dev")).dev()).isTrue();
    assertThat(ServerFlags.parse(List.of("--dev=false")).dev()).isFalse();
    assertThatThrownBy(() -> ServerFlags.parse(List.of("--dev=maybe")))
        .hasMessage("invalid argument \"maybe\" for \"--dev\" flag: strconv.ParseBool:"
            + " parsing \"maybe\": invalid syntax");
  }

  @Test
  void deprecatedFlagsAreAccepted() throws Exception {
    ServerFlags f = ServerFlags.parse(List.of("--key", "k.pem", "--cert", "c.pem", "--auth=off"));
    assertThat(f.key()).isEqualTo("k.pem");
    assertThat(f.cert()).isEqualTo("c.pem");
    assertThat(f.auth()).isEqualTo("off");
  }

  @Test
  void positionalArgumentsAreCollectedAnywhere() throws Exception {
    ServerFlags f = ServerFlags.parse(List.of("x", "--dev", "y", "--", "--addr"));
    assertThat(f.args()).containsExactly("x", "y", "--addr");
  }

  @Test
  void pflagErrors() {
    assertThatThrownBy(() -> ServerFlags.parse(List.of("--foo")))
        .hasMessage("unknown flag: --foo");
    assertThatThrownBy(() -> ServerFlags.parse(List.of("-x")))
        .hasMessage("unknown shorthand flag: 'x' in -x");
    assertThatThrownBy(() -> ServerFlags.parse(List.of("--config")))
        .hasMessage("flag needs an argument: --config");
  }

  @Test
  void help() throws Exception {
    assertThat(ServerFlags.parse(List.of("-h")).help()).isTrue();
    assertThat(ServerFlags.parse(List.of("--dev", "--help", "--bogus")).help()).isTrue();
  }
}
