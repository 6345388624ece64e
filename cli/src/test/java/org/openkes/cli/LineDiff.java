package org.openkes.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff for test failures: the lines of a longest common subsequence unchanged, the
 * others marked {@code -} (expected only) or {@code +} (actual only); runs of unchanged lines
 * are shortened to two lines of context. Quadratic, which is fine for golden files.
 */
final class LineDiff {
  private static final int CONTEXT = 2;

  private LineDiff() {}

  static String of(String expected, String actual) {
    List<String> lines = markedLines(expected.split("\n", -1), actual.split("\n", -1));
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(" ") && !nearAChange(lines, i)) {
        if (out.length() == 0 || !out.toString().endsWith("...\n")) {
          out.append("...\n");
        }
        continue;
      }
      out.append(lines.get(i)).append('\n');
    }
    return out.toString();
  }

  private static boolean nearAChange(List<String> lines, int i) {
    for (int j = Math.max(0, i - CONTEXT); j <= Math.min(lines.size() - 1, i + CONTEXT); j++) {
      if (!lines.get(j).startsWith(" ")) {
        return true;
      }
    }
    return false;
  }

  /** Every line of both, prefixed with ' ', '-' or '+', following an LCS table. */
  private static List<String> markedLines(String[] a, String[] b) {
    int[][] lcs = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i].equals(b[j])) {
        out.add(" " + a[i++]);
        j++;
      } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.add("-" + a[i++]);
      } else {
        out.add("+" + b[j++]);
      }
    }
    return out;
  }
}
