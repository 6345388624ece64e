package org.openkes.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** kes-compat.md §4.6, following kesconf's parseLogLevel. */
class LogLevelTest {
  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("", 0, "INFO"),
        Arguments.of("   ", 0, "INFO"),
        Arguments.of("on", 0, "INFO"),
        Arguments.of("ON", 0, "INFO"),
        Arguments.of("On", 0, "INFO"),
        Arguments.of("off", 9, "ERROR+1"),
        Arguments.of(" OFF ", 9, "ERROR+1"),
        Arguments.of("debug", -4, "DEBUG"),
        Arguments.of("DEBUG", -4, "DEBUG"),
        Arguments.of("info", 0, "INFO"),
        Arguments.of("warn", 4, "WARN"),
        Arguments.of("error", 8, "ERROR"),
        Arguments.of("INFO+2", 2, "INFO+2"),
        Arguments.of("info+2", 2, "INFO+2"),
        Arguments.of("INFO +2", 2, "INFO+2"), // Go trims the part before '+'
        Arguments.of("DEBUG+1", -3, "DEBUG+1"),
        Arguments.of("WARN+4", 8, "ERROR"),
        Arguments.of("ERROR+1", 9, "ERROR+1"),
        Arguments.of("INFO+-2", -2, "DEBUG+2"), // Atoi takes the sign: only reachable this way
        Arguments.of("INFO++2", 2, "INFO+2"),
        Arguments.of("0", 0, "INFO"),
        Arguments.of("-4", -4, "DEBUG"),
        Arguments.of("+3", 3, "INFO+3"),
        Arguments.of("12", 12, "ERROR+4"),
        Arguments.of("-8", -8, "DEBUG-4"));
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @MethodSource("valid")
  void parses(String text, int value, String printed) throws ConfigException {
    LogLevel level = LogLevel.parse(text);
    assertThat(level.value()).isEqualTo(value);
    assertThat(level).hasToString(printed);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("INFO-2", "kesconf: invalid log level 'INFO-2'"),
        Arguments.of("info-2", "kesconf: invalid log level 'INFO-2'"),
        Arguments.of("WARNING", "kesconf: invalid log level 'WARNING'"),
        Arguments.of("INFOX+1", "kesconf: invalid log level 'INFOX+1'"),
        Arguments.of(
            "INFO+x",
            "kesconf: invalid log level suffix 'X': strconv.Atoi: parsing \"X\": invalid syntax"),
        Arguments.of(
            "INFO+",
            "kesconf: invalid log level suffix '': strconv.Atoi: parsing \"\": invalid syntax"),
        Arguments.of(
            "INFO+ 2",
            "kesconf: invalid log level suffix ' 2': strconv.Atoi: parsing \" 2\": invalid syntax"),
        Arguments.of(
            "ERROR+1+1",
            "kesconf: invalid log level suffix '1+1': strconv.Atoi: parsing \"1+1\": invalid"
                + " syntax"),
        Arguments.of(
            "DEBUG+99999999999999999999",
            "kesconf: invalid log level suffix '99999999999999999999': strconv.Atoi: parsing"
                + " \"99999999999999999999\": value out of range"),
        Arguments.of("verbose", "strconv.Atoi: parsing \"VERBOSE\": invalid syntax"),
        Arguments.of("1_000", "strconv.Atoi: parsing \"1_000\": invalid syntax"),
        Arguments.of("true", "strconv.Atoi: parsing \"TRUE\": invalid syntax"),
        Arguments.of("-", "strconv.Atoi: parsing \"-\": invalid syntax"),
        Arguments.of(
            "9223372036854775808",
            "strconv.Atoi: parsing \"9223372036854775808\": value out of range"));
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @MethodSource("invalid")
  void rejectsWithKesMessage(String text, String message) {
    assertThatThrownBy(() -> LogLevel.parse(text))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void hugeLevelsSaturateInsteadOfWrapping() throws ConfigException {
    assertThat(LogLevel.parse("9223372036854775807").value()).isEqualTo(Integer.MAX_VALUE);
    assertThat(LogLevel.parse("-9223372036854775808").value()).isEqualTo(Integer.MIN_VALUE);
    assertThat(LogLevel.parse("ERROR+9223372036854775807").value()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void thresholdsCompareLikeSlog() {
    assertThat(LogLevel.INFO.enables(LogLevel.ERROR)).isTrue();
    assertThat(LogLevel.INFO.enables(LogLevel.INFO)).isTrue();
    assertThat(LogLevel.INFO.enables(LogLevel.DEBUG)).isFalse();
    assertThat(LogLevel.OFF.enables(LogLevel.ERROR)).isFalse();
    assertThat(LogLevel.DEBUG).isLessThan(LogLevel.WARN);
  }
}
