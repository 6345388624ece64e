package org.openkes.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader for the Prometheus text exposition format 0.0.4, as much as {@code /v1/metrics}
 * needs: {@code # TYPE} lines, samples with optional labels and timestamps, histograms as
 * {@code _bucket}/{@code _sum}/{@code _count} samples. {@code # HELP} and other comments are
 * skipped.
 */
final class PrometheusText {
  /** A metric family: its declared type and samples (for histograms, all suffixed samples). */
  record Family(String name, String type, List<Sample> samples) {}

  /** One sample line. {@code name} keeps a histogram's suffix. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private PrometheusText() {}

  static Map<String, Family> parse(String text, String source) throws ResponseFormatException {
    Map<String, String> types = new HashMap<>();
    Map<String, List<Sample>> samples = new LinkedHashMap<>();
    int lineNo = 0;
    for (String raw : text.split("\n", -1)) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        String[] parts = line.substring(1).strip().split("\\s+", 3);
        if (parts.length == 3 && parts[0].equals("TYPE")) {
          types.put(parts[1], parts[2].strip());
        }
        continue;
      }
      Sample s = sample(line, lineNo, source);
      samples.computeIfAbsent(familyOf(s.name(), types), k -> new ArrayList<>()).add(s);
    }
    Map<String, Family> families = new LinkedHashMap<>();
    types.forEach((name, type) -> families.put(name, new Family(name, type, List.of())));
    samples.forEach(
        (name, list) -> families.put(name, new Family(name, types.getOrDefault(name, "untyped"), list)));
    return families;
  }

  private static String familyOf(String sampleName, Map<String, String> types) {
    if (types.containsKey(sampleName)) {
      return sampleName;
    }
    for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
      if (sampleName.endsWith(suffix)) {
        String base = sampleName.substring(0, sampleName.length() - suffix.length());
        String t = types.get(base);
        if ("histogram".equals(t) || "summary".equals(t)) {
          return base;
        }
      }
    }
    return sampleName;
  }

  private static Sample sample(String line, int lineNo, String source) throws ResponseFormatException {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    String name = line.substring(0, i);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i = labels(line, i + 1, labels, lineNo, source);
    }
    String[] rest = line.substring(i).strip().split("\\s+");
    if (name.isEmpty() || rest.length == 0 || rest[0].isEmpty()) {
      throw bad(lineNo, source, "expected '<name> <value>'");
    }
    return new Sample(name, Map.copyOf(labels), value(rest[0], lineNo, source));
  }

  /** Parses {@code name="value",...}} from {@code i}; returns the index after the brace. */
  private static int labels(String line, int i, Map<String, String> out, int lineNo, String source)
      throws ResponseFormatException {
    while (true) {
      while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == ',')) {
        i++;
      }
      if (i < line.length() && line.charAt(i) == '}') {
        return i + 1;
      }
      int eq = line.indexOf('=', i);
      if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
        throw bad(lineNo, source, "malformed label");
      }
      String key = line.substring(i, eq).strip();
      StringBuilder v = new StringBuilder();
      int j = eq + 2;
      for (; j < line.length() && line.charAt(j) != '"'; j++) {
        char c = line.charAt(j);
        if (c == '\\' && j + 1 < line.length()) {
          char n = line.charAt(++j);
          v.append(n == 'n' ? '\n' : n);
        } else {
          v.append(c);
        }
      }
      if (j >= line.length()) {
        throw bad(lineNo, source, "unterminated label value");
      }
      out.put(key, v.toString());
      i = j + 1;
    }
  }

  private static double value(String s, int lineNo, String source) throws ResponseFormatException {
    return switch (s) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        try {
          yield Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw bad(lineNo, source, "'" + s + "' is not a number");
        }
      }
    };
  }

  private static ResponseFormatException bad(int lineNo, String source, String what) {
    return new ResponseFormatException(
        "kes: invalid metrics from " + source + ": line " + lineNo + ": " + what);
  }
}
