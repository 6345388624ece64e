package org.openkes.server.log;

import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Supplier;
import org.openkes.core.config.LogLevel;

/**
 * What the error and the audit log share: a level, slog text lines on a stream, and the
 * subscribers of the matching {@code /v1/log/*} route, who get a JSON event per line.
 */
public abstract sealed class LogTarget implements LogTopic permits AuditLog, ErrorLog {
  /** The time of records. */
  protected final Clock clock;
  /** The zone of record times (the server's local zone, as Go's slog). */
  protected final ZoneId zone;
  private final PrintStream out;
  private final Runnable onDelivered;
  private final Subscribers subscribers = new Subscribers();
  private volatile LogLevel level = LogLevel.INFO;

  /**
   * @param out where lines go
   * @param clock the time of records
   * @param zone the zone of record times
   * @param onDelivered counts each event written to a subscriber
   */
  LogTarget(PrintStream out, Clock clock, ZoneId zone, Runnable onDelivered) {
    this.out = Objects.requireNonNull(out, "out");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.onDelivered = Objects.requireNonNull(onDelivered, "onDelivered");
  }

  public void setLevel(LogLevel level) {
    this.level = Objects.requireNonNull(level, "level");
  }

  public LogLevel level() {
    return level;
  }

  /** Writes a line, and the event built from it when someone follows the log. */
  protected void write(String line, Supplier<String> event) {
    out.print(line + "\n");
    if (!subscribers.isEmpty()) {
      subscribers.publish(event.get());
    }
  }

  @Override
  public Subscription subscribe() {
    return subscribers.add();
  }

  @Override
  public void delivered() {
    onDelivered.run();
  }

  /** Ends all subscriptions (server shutdown). */
  public void closeSubscriptions() {
    subscribers.closeAll();
  }
}
