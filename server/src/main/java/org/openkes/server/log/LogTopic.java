package org.openkes.server.log;

/** A log that {@code /v1/log/error} or {@code /v1/log/audit} subscribers can follow. */
public interface LogTopic {
  /** A new subscription that receives every event from now on until it is closed. */
  Subscription subscribe();

  /** Counts one event written to a subscriber ({@code kes_log_*_events}, kes-compat.md §7.5). */
  void delivered();
}
