package org.openkes.core.migrate;

/** Progress callbacks; called from worker threads, so implementations must be thread-safe. */
public interface MigrationListener {
  MigrationListener NONE = new MigrationListener() {};

  /** The source has been listed: {@code total} keys match the pattern. */
  default void planned(int total) {}

  /** One key is done. */
  default void done(KeyResult result) {}
}
