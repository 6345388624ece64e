package org.openkes.core.migrate;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a migration: one result per key that matched, in name order.
 *
 * @param results per key, sorted by name
 * @param dryRun whether nothing was written
 * @param interrupted whether the run was stopped (signal or --fail-fast) before every key was
 *     attempted
 * @param elapsed wall time of the run
 */
public record MigrationReport(List<KeyResult> results, boolean dryRun, boolean interrupted, Duration elapsed) {
  public MigrationReport {
    results = List.copyOf(results);
  }

  public int total() {
    return results.size();
  }

  public Map<Outcome, Integer> counts() {
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.values()) {
      counts.put(o, 0);
    }
    for (KeyResult r : results) {
      counts.merge(r.outcome(), 1, Integer::sum);
    }
    return counts;
  }

  public int count(Outcome o) {
    return counts().get(o);
  }

  /** Failed, conflicting and not-attempted keys: the ones an operator must look at. */
  public List<KeyResult> problems() {
    return results.stream().filter(r -> r.outcome().isProblem()).toList();
  }

  /** Keys skipped under --merge: warnings. */
  public List<KeyResult> skipped() {
    return results.stream().filter(r -> r.outcome() == Outcome.SKIPPED).toList();
  }

  /** Whether every matching key is now at the target with the source's material (or kept). */
  public boolean succeeded() {
    return !interrupted && problems().isEmpty();
  }
}
