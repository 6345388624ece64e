package org.openkes.cli.key;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import org.openkes.cli.Terminal;
import org.openkes.cli.client.GoJson;

/**
 * The output of {@code encrypt}, {@code decrypt} and {@code dek}: on a terminal labelled base64
 * lines; piped (or with {@code --json}) one compact JSON object without a newline, byte for byte
 * what real KES prints (kes-compat.md §8.3, §8.4).
 */
final class CryptoOutput {
  private CryptoOutput() {}

  /** Fields as label/bytes pairs, in output order. */
  static void print(Terminal t, boolean json, Object... labelsAndValues) {
    if (json || !t.terminalMode()) {
      ObjectNode o = GoJson.object();
      for (int i = 0; i < labelsAndValues.length; i += 2) {
        o.put((String) labelsAndValues[i], Base64.getEncoder().encodeToString((byte[]) labelsAndValues[i + 1]));
      }
      t.out().print(GoJson.compact(o));
      return;
    }
    int width = 0;
    for (int i = 0; i < labelsAndValues.length; i += 2) {
      width = Math.max(width, ((String) labelsAndValues[i]).length());
    }
    StringBuilder s = new StringBuilder("\n");
    for (int i = 0; i < labelsAndValues.length; i += 2) {
      String label = labelsAndValues[i] + ":";
      s.append(label).append(" ".repeat(width + 2 - label.length()))
          .append(Base64.getEncoder().encodeToString((byte[]) labelsAndValues[i + 1])).append('\n');
    }
    t.out().print(s);
  }
}
