package org.openkes.cli.migrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openkes.core.migrate.KeyResult;
import org.openkes.core.migrate.MigrationReport;
import org.openkes.core.migrate.Outcome;

/** Prints a migration report for people (summary, problems by name) or as one JSON document. */
final class ReportPrinter {
  private ReportPrinter() {}

  static void human(MigrationReport r, PrintStream out, boolean listPlan) {
    boolean dry = r.dryRun();
    Map<Outcome, Integer> c = r.counts();
    if (dry && listPlan) {
      out.println("Plan (dry run, nothing written):");
      for (KeyResult k : r.results()) {
        out.printf("  %-16s %s%n", k.outcome().label(true), k.name());
      }
      out.println();
    }
    String head;
    if (dry) {
      head = "Dry run: " + r.total() + " key" + (r.total() == 1 ? "" : "s") + " match; nothing was written.";
    } else if (r.interrupted()) {
      head = "Migration interrupted after " + seconds(r) + ": not every key was attempted; re-run the same command to complete it.";
    } else if (r.succeeded()) {
      head = r.total() == 0 ? "Migration succeeded: no keys matched." : "Migration succeeded in " + seconds(r) + ".";
    } else {
      head = "Migration finished with problems in " + seconds(r) + ".";
    }
    out.println(head);
    out.printf("  %-22s %7d%n", dry ? "to copy" : "migrated", c.get(Outcome.MIGRATED));
    out.printf("  %-22s %7d%n", "already present", c.get(Outcome.ALREADY_PRESENT));
    out.printf("  %-22s %7d%n", dry ? "to overwrite" : "overwritten", c.get(Outcome.OVERWRITTEN));
    out.printf("  %-22s %7d%n", "skipped (--merge)", c.get(Outcome.SKIPPED));
    out.printf("  %-22s %7d%n", "conflicts", c.get(Outcome.CONFLICT));
    out.printf("  %-22s %7d%n", "failed", c.get(Outcome.FAILED));
    if (c.get(Outcome.NOT_ATTEMPTED) > 0) {
      out.printf("  %-22s %7d%n", "not attempted", c.get(Outcome.NOT_ATTEMPTED));
    }
    section(out, "Conflicts", r, Outcome.CONFLICT);
    section(out, "Failed", r, Outcome.FAILED);
    section(out, "Warnings: kept the target's different key", r, Outcome.SKIPPED);
  }

  private static void section(PrintStream out, String title, MigrationReport r, Outcome o) {
    List<KeyResult> keys = r.results().stream().filter(k -> k.outcome() == o).toList();
    if (keys.isEmpty()) {
      return;
    }
    out.println(title + ":");
    for (KeyResult k : keys) {
      out.println("  key \"" + k.name() + "\": " + k.detail());
    }
  }

  private static String seconds(MigrationReport r) {
    return String.format("%.1fs", r.elapsed().toMillis() / 1000.0);
  }

  static void json(MigrationReport r, PrintStream out) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("dry_run", r.dryRun());
    doc.put("succeeded", r.succeeded());
    doc.put("interrupted", r.interrupted());
    doc.put("elapsed_ms", r.elapsed().toMillis());
    doc.put("total", r.total());
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<Outcome, Integer> c = r.counts();
    counts.put("migrated", c.get(Outcome.MIGRATED));
    counts.put("already_present", c.get(Outcome.ALREADY_PRESENT));
    counts.put("overwritten", c.get(Outcome.OVERWRITTEN));
    counts.put("skipped", c.get(Outcome.SKIPPED));
    counts.put("conflicts", c.get(Outcome.CONFLICT));
    counts.put("failed", c.get(Outcome.FAILED));
    counts.put("not_attempted", c.get(Outcome.NOT_ATTEMPTED));
    doc.put("counts", counts);
    List<Map<String, String>> keys = new ArrayList<>();
    for (KeyResult k : r.results()) {
      Map<String, String> e = new LinkedHashMap<>();
      e.put("name", k.name());
      e.put("outcome", jsonName(k.outcome()));
      if (!k.detail().isEmpty()) {
        e.put("detail", k.detail());
      }
      keys.add(e);
    }
    doc.put("keys", keys);
    try {
      out.println(new ObjectMapper().writeValueAsString(doc));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String jsonName(Outcome o) {
    return switch (o) {
      case MIGRATED -> "migrated";
      case ALREADY_PRESENT -> "already_present";
      case OVERWRITTEN -> "overwritten";
      case SKIPPED -> "skipped";
      case CONFLICT -> "conflict";
      case FAILED -> "failed";
      case NOT_ATTEMPTED -> "not_attempted";
    };
  }
}
