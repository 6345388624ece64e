package org.openkes.server.log;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.openkes.core.codec.GoDuration;
import org.openkes.core.config.LogLevel;
import org.openkes.server.json.GoJson;
import org.openkes.server.json.GoTime;

/**
 * The audit log (kes-compat.md §7.3): one INFO event per successful key creation, import or
 * deletion, as an slog text line on stdout and as a JSON event for {@code /v1/log/audit}
 * subscribers. A level above INFO ({@code log.audit: off}) drops events for both, as in KES.
 */
public final class AuditLog extends LogTarget {
  public AuditLog(PrintStream out, Clock clock, ZoneId zone, Runnable onDelivered) {
    super(out, clock, zone, onDelivered);
  }

  /**
   * Records an event.
   *
   * @param message e.g. {@code secret key 'my-key' created}
   * @param status the response status
   * @param request the request
   * @param elapsed time since the request was received
   */
  public void log(String message, int status, RequestInfo request, Duration elapsed) {
    if (!level().enables(LogLevel.INFO)) {
      return;
    }
    Instant now = clock.instant();
    String line =
        new SlogText(now, zone, LogLevel.INFO, message)
            .attr("req.method", request.method())
            .attr("req.path", request.path())
            .attr("req.ip", request.ip())
            .attr("req.identity", request.identity())
            .attr("res.code", status)
            .attr("res.time", GoDuration.format(elapsed))
            .toString();
    write(line, () -> {
      GoJson.Obj req = GoJson.object()
          .putUnless(request.ip().isEmpty(), "ip", request.ip())
          .put("path", request.path())
          .putUnless(request.identity().isEmpty(), "identity", request.identity());
      // response.time is in milliseconds, as KES sends it (the SDK reads nanoseconds; §7.3).
      GoJson.Obj res = GoJson.object().put("code", status).put("time", elapsed.toMillis());
      return GoJson.object()
          .put("time", GoTime.rfc3339Nano(now, zone))
          .put("request", req)
          .put("response", res)
          .encode();
    });
  }
}
