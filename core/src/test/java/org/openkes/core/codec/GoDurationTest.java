package org.openkes.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases from Go's time package tests (parseDurationTests, durationTests) plus KES usage. */
class GoDurationTest {
  private static final long NS = 1L;
  private static final long US = 1_000L;
  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;
  private static final long M = 60 * S;
  private static final long H = 60 * M;

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("0", 0L),
        Arguments.of("5s", 5 * S),
        Arguments.of("30s", 30 * S),
        Arguments.of("1478s", 1478 * S),
        Arguments.of("-5s", -5 * S),
        Arguments.of("+5s", 5 * S),
        Arguments.of("-0", 0L),
        Arguments.of("+0", 0L),
        Arguments.of("5.0s", 5 * S),
        Arguments.of("5.6s", 5 * S + 600 * MS),
        Arguments.of("5.s", 5 * S),
        Arguments.of(".5s", 500 * MS),
        Arguments.of("1.0s", 1 * S),
        Arguments.of("1.00s", 1 * S),
        Arguments.of("1.004s", 1 * S + 4 * MS),
        Arguments.of("1.0040s", 1 * S + 4 * MS),
        Arguments.of("100.00100s", 100 * S + 1 * MS),
        Arguments.of("10ns", 10 * NS),
        Arguments.of("11us", 11 * US),
        Arguments.of("12\u00b5s", 12 * US), // micro sign
        Arguments.of("12\u03bcs", 12 * US), // Greek mu
        Arguments.of("13ms", 13 * MS),
        Arguments.of("14s", 14 * S),
        Arguments.of("15m", 15 * M),
        Arguments.of("16h", 16 * H),
        Arguments.of("3h30m", 3 * H + 30 * M),
        Arguments.of("1h30m", 90 * M),
        Arguments.of("10.5s4m", 4 * M + 10 * S + 500 * MS),
        Arguments.of("-2m3.4s", -(2 * M + 3 * S + 400 * MS)),
        Arguments.of("1h2m3s4ms5us6ns", 1 * H + 2 * M + 3 * S + 4 * MS + 5 * US + 6 * NS),
        Arguments.of("39h9m14.425s", 39 * H + 9 * M + 14 * S + 425 * MS),
        Arguments.of("52763797000ns", 52763797000L * NS),
        Arguments.of("0.3333333333333333333h", 20 * M),
        Arguments.of("9007199254740993ns", (1L << 53) + 1),
        Arguments.of("9223372036854775807ns", Long.MAX_VALUE),
        Arguments.of("9223372036854775.807us", Long.MAX_VALUE),
        Arguments.of("9223372036s854ms775us807ns", Long.MAX_VALUE),
        Arguments.of("9223372036854ms775.807us", Long.MAX_VALUE),
        Arguments.of("-9223372036854775808ns", Long.MIN_VALUE),
        Arguments.of("-9223372036854775.808us", Long.MIN_VALUE),
        Arguments.of("-9223372036s854ms775us808ns", Long.MIN_VALUE),
        Arguments.of("-2562047h47m16.854775808s", Long.MIN_VALUE),
        Arguments.of("0.100000000000000000000h", 6 * M),
        Arguments.of("0.830103483285477580700h", 49 * M + 48 * S + 372539827 * NS),
        Arguments.of("5m0s", 5 * M),
        Arguments.of("300ms", 300 * MS),
        Arguments.of("1.5s", 1500 * MS));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("valid")
  void parses(String text, long nanos) {
    assertThat(GoDuration.parseNanos(text)).isEqualTo(nanos);
    assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("", "time: invalid duration \"\""),
        Arguments.of("3", "time: missing unit in duration \"3\""),
        Arguments.of("300", "time: missing unit in duration \"300\""),
        Arguments.of("-", "time: invalid duration \"-\""),
        Arguments.of("s", "time: invalid duration \"s\""),
        Arguments.of(".", "time: invalid duration \".\""),
        Arguments.of("-.", "time: invalid duration \"-.\""),
        Arguments.of(".s", "time: invalid duration \".s\""),
        Arguments.of("+.s", "time: invalid duration \"+.s\""),
        Arguments.of("1d", "time: unknown unit \"d\" in duration \"1d\""),
        Arguments.of("15 s", "time: unknown unit \" s\" in duration \"15 s\""),
        Arguments.of("1.5", "time: missing unit in duration \"1.5\""),
        Arguments.of("x", "time: invalid duration \"x\""),
        Arguments.of("1h-2m", "time: unknown unit \"h-\" in duration \"1h-2m\""),
        Arguments.of("true", "time: invalid duration \"true\""),
        Arguments.of("\ufffd", "time: invalid duration \"\\xef\\xbf\\xbd\""),
        Arguments.of(
            "\ufffd hello \ufffd world",
            "time: invalid duration \"\\xef\\xbf\\xbd hello \\xef\\xbf\\xbd world\""),
        Arguments.of("1\u00e9", "time: unknown unit \"\\xc3\\xa9\" in duration \"1\\xc3\\xa9\""),
        Arguments.of("a\"b\\", "time: invalid duration \"a\\\"b\\\\\""),
        Arguments.of("9223372036854775808ns", "time: invalid duration \"9223372036854775808ns\""),
        Arguments.of("9223372036854775.808us", "time: invalid duration \"9223372036854775.808us\""),
        Arguments.of(
            "9223372036854ms775.808us", "time: invalid duration \"9223372036854ms775.808us\""),
        Arguments.of("-9223372036854775809ns", "time: invalid duration \"-9223372036854775809ns\""),
        Arguments.of("3000000h", "time: invalid duration \"3000000h\""),
        Arguments.of(
            "99999999999999999999s", "time: invalid duration \"99999999999999999999s\""));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalid")
  void rejectsWithGoMessage(String text, String message) {
    assertThatThrownBy(() -> GoDuration.parseNanos(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  static Stream<Arguments> formatted() {
    return Stream.of(
        Arguments.of(0L, "0s"),
        Arguments.of(1 * NS, "1ns"),
        Arguments.of(1100 * NS, "1.1\u00b5s"),
        Arguments.of(2200 * US, "2.2ms"),
        Arguments.of(3300 * MS, "3.3s"),
        Arguments.of(4 * M + 5 * S, "4m5s"),
        Arguments.of(4 * M + 5001 * MS, "4m5.001s"),
        Arguments.of(5 * H + 6 * M + 7001 * MS, "5h6m7.001s"),
        Arguments.of(8 * M + 1 * NS, "8m0.000000001s"),
        Arguments.of(Long.MAX_VALUE, "2562047h47m16.854775807s"),
        Arguments.of(Long.MIN_VALUE, "-2562047h47m16.854775808s"),
        Arguments.of(5 * M, "5m0s"),
        Arguments.of(90 * M, "1h30m0s"),
        Arguments.of(1500 * MS, "1.5s"),
        Arguments.of(300 * MS, "300ms"),
        Arguments.of(-1 * S, "-1s"),
        Arguments.of(-1 * NS, "-1ns"),
        Arguments.of(30 * S, "30s"),
        Arguments.of(17 * S, "17s"),
        Arguments.of(H, "1h0m0s"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("formatted")
  void formatsLikeGo(long nanos, String text) {
    assertThat(GoDuration.format(nanos)).isEqualTo(text);
    assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(text);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("formatted")
  void formatParsesBack(long nanos, String text) {
    assertThat(GoDuration.parseNanos(GoDuration.format(nanos))).isEqualTo(nanos);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("valid")
  void parseFormatParseIsStable(String text, long nanos) {
    String canonical = GoDuration.format(GoDuration.parseNanos(text));
    assertThat(GoDuration.parseNanos(canonical)).isEqualTo(nanos);
    assertThat(GoDuration.format(GoDuration.parseNanos(canonical))).isEqualTo(canonical);
  }

  @Test
  void javaDurationsBeyondGoRangeAreRejected() {
    assertThatThrownBy(() -> GoDuration.format(Duration.ofDays(300 * 365)))
        .isInstanceOf(ArithmeticException.class);
  }
}
