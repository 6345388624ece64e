package org.openkes.cli.metric;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.openkes.client.Metrics;
import org.openkes.core.codec.GoDuration;

/**
 * One frame of {@code kes metric}'s terminal dashboard: what real KES's shows (responses by
 * status class with their shares, requests per second, mean latency, uptime, heap, stack, CPUs,
 * threads) plus requests in flight, rates per status class and the latency distribution. Always
 * {@link #LINES} lines of at most 80 columns, so that {@link LiveScreen} can redraw it in place.
 */
public final class Dashboard {
  public static final int LINES = 11;

  private static final String BOLD_FAINT = "\033[1;2m";
  private static final String GREEN = "\033[1;32m";
  private static final String YELLOW = "\033[1;33m";
  private static final String RED = "\033[1;31m";
  private static final String RESET = "\033[0m";
  private static final int LABEL = 12;
  private static final int COLUMN = 12;
  private static final int LATENCY_LABEL = 10;
  private static final int LATENCY_COLUMN = 6;

  private final boolean colors;

  /** With colors as real KES (2xx green, 4xx yellow, 5xx red, faint headers) or without. */
  public Dashboard(boolean colors) {
    this.colors = colors;
  }

  public List<String> render(Metrics m, Optional<Rates> rates) {
    List<String> lines = new ArrayList<>(requests(m, rates));
    lines.add("");
    lines.addAll(latency(LatencyBuckets.of(m)));
    lines.add("");
    lines.addAll(system(m));
    return lines;
  }

  private List<String> requests(Metrics m, Optional<Rates> rates) {
    long n = m.requests();
    return List.of(
        header(row(LABEL, COLUMN, "Requests", "OK [2xx]", "Err [4xx]", "Err [5xx]", "Active", "Total")),
        classes("Count", Long.toString(m.requestOk()), Long.toString(m.requestErr()),
            Long.toString(m.requestFail()), Long.toString(m.requestActive()), Long.toString(n)),
        classes("Share", percent(m.requestOk(), n), percent(m.requestErr(), n),
            percent(m.requestFail(), n), "", ""),
        classes("Per second", perSecond(rates, Rates::ok), perSecond(rates, Rates::err),
            perSecond(rates, Rates::fail), "", perSecond(rates, Rates::total)));
  }

  /** A row whose 2xx, 4xx and 5xx cells are colored by class. */
  private String classes(String label, String ok, String err, String fail, String active,
      String total) {
    return pad(label, LABEL, false) + color(GREEN, pad(ok, COLUMN, true))
        + color(YELLOW, pad(err, COLUMN, true)) + color(RED, pad(fail, COLUMN, true))
        + (pad(active, COLUMN, true) + pad(total, COLUMN, true)).stripTrailing();
  }

  private List<String> latency(LatencyBuckets latency) {
    List<String> bounds = new ArrayList<>(List.of("Latency"));
    List<String> shares = new ArrayList<>(List.of("Share"));
    for (LatencyBuckets.Bucket b : latency.buckets()) {
      bounds.add(b.upTo().map(GoDuration::format).orElse(slowerThanAll(latency)));
      shares.add(latency.total() == 0 ? "-" : bucketShare(latency.share(b)));
    }
    String mean = latency.mean().map(d -> GoDuration.format(roundToMillis(d))).orElse("-");
    return List.of(header(row(LATENCY_LABEL, LATENCY_COLUMN, bounds.toArray(String[]::new))),
        row(LATENCY_LABEL, LATENCY_COLUMN, shares.toArray(String[]::new)),
        pad("Mean", LATENCY_LABEL, false) + mean);
  }

  private List<String> system(Metrics m) {
    return List.of(
        header(row(LABEL, COLUMN, "System", "Uptime", "Heap", "Stack", "CPUs", "Threads")),
        row(LABEL, COLUMN, "", GoDuration.format(m.uptime()), size(m.heapAlloc()),
            size(m.stackAlloc()), m.usableCpus() + "/" + m.cpus(), Integer.toString(m.threads())));
  }

  /** The label of the last bucket: {@code >10s}, or {@code all} without any bound. */
  private static String slowerThanAll(LatencyBuckets latency) {
    List<LatencyBuckets.Bucket> b = latency.buckets();
    return b.size() < 2 ? "all" : ">" + GoDuration.format(b.get(b.size() - 2).upTo().orElseThrow());
  }

  /** Real KES rounds the mean to milliseconds; below one, microseconds keep it informative. */
  private static Duration roundToMillis(Duration d) {
    ChronoUnit unit = d.compareTo(Duration.ofMillis(1)) < 0 ? ChronoUnit.MICROS : ChronoUnit.MILLIS;
    long u = unit.getDuration().toNanos();
    return Duration.ofNanos((d.toNanos() + u / 2) / u * u);
  }

  /** The label left-aligned, the cells right-aligned. */
  private static String row(int labelWidth, int columnWidth, String... cells) {
    StringBuilder b = new StringBuilder(pad(cells[0], labelWidth, false));
    for (int i = 1; i < cells.length; i++) {
      b.append(pad(cells[i], columnWidth, true));
    }
    return b.toString().stripTrailing();
  }

  private static String pad(String s, int width, boolean right) {
    String spaces = " ".repeat(Math.max(0, width - s.length()));
    return right ? spaces + s : s + spaces;
  }

  private String header(String s) {
    return color(BOLD_FAINT, s);
  }

  private String color(String code, String s) {
    return colors && !s.isBlank() ? code + s + RESET : s;
  }

  private static String percent(long part, long whole) {
    return whole == 0 ? "-" : String.format(Locale.ROOT, "%.2f%%", 100.0 * part / whole);
  }

  /** Narrow enough for the latency columns: "0%", "0.4%", "12%", "100%". */
  private static String bucketShare(double share) {
    double p = 100 * share;
    if (p == 0) {
      return "0%";
    }
    return String.format(Locale.ROOT, p < 10 ? "%.1f%%" : "%.0f%%", p);
  }

  private static String perSecond(Optional<Rates> rates, Function<Rates, Double> which) {
    return rates.map(r -> String.format(Locale.ROOT, "%.2f", which.apply(r))).orElse("-");
  }

  /** Decimal units with one decimal, as real KES prints them ({@code 12.3MB}). */
  static String size(long bytes) {
    String[] units = {"KB", "MB", "GB", "TB", "PB"};
    if (bytes < 1000) {
      return bytes + "B";
    }
    double v = bytes;
    int u = -1;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f%s", v, units[u]);
  }
}
