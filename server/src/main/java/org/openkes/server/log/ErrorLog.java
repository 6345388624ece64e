package org.openkes.server.log;

import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneId;
import org.openkes.core.config.LogLevel;
import org.openkes.server.json.GoJson;

/**
 * The error log (kes-compat.md §7.2): slog text lines on stderr at or above the configured level,
 * and the same lines wrapped as {@code {"message":"<line>"}} for {@code /v1/log/error}
 * subscribers. Messages never contain key material: callers pass KES's generic texts or
 * keystore errors, which name keys but not values.
 */
public final class ErrorLog extends LogTarget {
  /**
   * @param out where lines go (stderr)
   * @param clock the time of records
   * @param zone the zone of record times (the server's local zone, as Go's slog)
   * @param onDelivered counts each event written to a subscriber
   */
  public ErrorLog(PrintStream out, Clock clock, ZoneId zone, Runnable onDelivered) {
    super(out, clock, zone, onDelivered);
  }

  public void error(String message, RequestInfo request) {
    log(LogLevel.ERROR, message, request);
  }

  public void warn(String message, RequestInfo request) {
    log(LogLevel.WARN, message, request);
  }

  public void debug(String message, RequestInfo request) {
    log(LogLevel.DEBUG, message, request);
  }

  /** A record about the server itself (TLS handshake errors, ...). */
  public void info(String message) {
    log(LogLevel.INFO, message, null);
  }

  /**
   * Writes a record if {@code recordLevel} passes the level.
   *
   * @param request the request the record is about, or null
   */
  public void log(LogLevel recordLevel, String message, RequestInfo request) {
    if (!level().enables(recordLevel)) {
      return;
    }
    SlogText text = new SlogText(clock.instant(), zone, recordLevel, message);
    if (request != null) {
      text.attr("req.method", request.method())
          .attr("req.path", request.path())
          .attr("req.ip", request.ip())
          .attr("req.identity", request.identity().isEmpty() ? "<unknown>" : request.identity());
    }
    String line = text.toString();
    write(line, () -> GoJson.object().put("message", line).encode());
  }
}
