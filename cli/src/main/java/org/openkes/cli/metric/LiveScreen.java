package org.openkes.cli.metric;

import java.io.PrintStream;
import java.util.List;

/**
 * Draws frames of a fixed number of lines over each other on a terminal: the cursor goes back
 * up to the first line and every line is cleared just before it is rewritten, all in one write,
 * so nothing flickers and nothing scrolls. The cursor is hidden while drawing; {@link #close()}
 * shows it again (also after Ctrl-C, see {@link MetricCommand}).
 */
final class LiveScreen implements AutoCloseable {
  private static final String ESC = "\033[";
  private static final String HIDE_CURSOR = ESC + "?25l";
  private static final String SHOW_CURSOR = ESC + "?25h";
  private static final String CLEAR_LINE = ESC + "2K";

  private final PrintStream out;
  private int linesOnScreen;

  LiveScreen(PrintStream out) {
    this.out = out;
  }

  void draw(List<String> frame) {
    StringBuilder b = new StringBuilder();
    if (linesOnScreen == 0) {
      b.append(HIDE_CURSOR);
    } else {
      b.append(ESC).append(linesOnScreen).append("A\r"); // up to the first line, column 1
    }
    for (String line : frame) {
      b.append(CLEAR_LINE).append(line).append('\n');
    }
    // A shorter frame than the last one: blank what is left of the old one.
    for (int i = frame.size(); i < linesOnScreen; i++) {
      b.append(CLEAR_LINE).append('\n');
    }
    linesOnScreen = Math.max(frame.size(), linesOnScreen);
    out.print(b);
    out.flush();
  }

  @Override
  public void close() {
    if (linesOnScreen > 0) {
      out.print(SHOW_CURSOR);
      out.flush();
    }
  }
}
