package org.openkes.cli.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveScreenTest {
  @Test
  void redrawsInPlaceAndShowsTheCursorAgainAtTheEnd() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (LiveScreen screen = new LiveScreen(new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
      screen.draw(List.of("a", "b"));
      screen.draw(List.of("c", "d"));
      screen.draw(List.of("e"));
    }
    String e = "\033[";
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
        e + "?25l" + e + "2Ka\n" + e + "2Kb\n"             // hide the cursor, first frame
            + e + "2A\r" + e + "2Kc\n" + e + "2Kd\n"       // two lines up, overwrite
            + e + "2A\r" + e + "2Ke\n" + e + "2K\n"        // a shorter frame blanks the rest
            + e + "?25h");
  }

  @Test
  void nothingDrawnNothingWritten() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new LiveScreen(new PrintStream(bytes, true, StandardCharsets.UTF_8)).close();
    assertThat(bytes.size()).isZero();
  }
}
