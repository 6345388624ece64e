package org.openkes.cli.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void terminalBarShowsCountPercentRateAndEta() {
    try (ProgressReporter p = new ProgressReporter(err, true, false)) {
      String line = p.render(250, 1000, 2.0);
      assertThat(line).startsWith("\r[#######.......................] 250/1000  25%")
          .contains("125 keys/s").contains("ETA 0:06");
    }
  }

  @Test
  void plainModeIsOneLinePerTickForLogs() {
    try (ProgressReporter p = new ProgressReporter(err, false, true)) {
      assertThat(p.render(5, 10, 1.0)).isEqualTo("migrate: 5/10 keys planned (5 keys/s)" + System.lineSeparator());
    }
  }

  @Test
  void finalStateIsPrintedOnClose() {
    ProgressReporter p = new ProgressReporter(err, false, false);
    p.planned(2);
    p.done(null);
    p.done(null);
    p.close();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("migrate: 2/2 keys done");
  }

  @Test
  void etaFormatsHours() {
    assertThat(ProgressReporter.formatDuration(3725)).isEqualTo("1:02:05");
    assertThat(ProgressReporter.formatDuration(65)).isEqualTo("1:05");
  }
}
