package org.openkes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineDiffTest {
  @Test
  void marksChangedLinesWithTwoLinesOfContext() {
    String expected = "a\nb\nc\nd\ne\nf\ng\nh";
    String actual = "a\nb\nc\nd\nE\nf\ng\nh\ni";
    assertThat(LineDiff.of(expected, actual))
        .isEqualTo("...\n c\n d\n-e\n+E\n f\n g\n h\n+i\n");
  }

  @Test
  void identicalTextsHaveNoChangedLines() {
    assertThat(LineDiff.of("a\nb", "a\nb")).isEqualTo("...\n");
  }
}
