package org.openkes.server;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import org.openkes.server.api.ApiContext.BuildInfo;
import org.openkes.server.cache.Ticker;

/**
 * What a server takes from its surroundings rather than from its config.
 *
 * @param out the audit log's stream (stdout)
 * @param err the error log's stream (stderr)
 * @param clock the time of keys, logs and status
 * @param zone the local zone (policy and log timestamps)
 * @param build what {@code /version} reports
 * @param ticker runs cache expiry and health checks; empty for a real scheduler
 * @param idleTimeout how long an idle connection is kept (KES: 90 s)
 * @param shutdownGrace how long a graceful stop waits for requests in flight
 */
public record Environment(
    PrintStream out,
    PrintStream err,
    Clock clock,
    ZoneId zone,
    BuildInfo build,
    Optional<Ticker> ticker,
    Duration idleTimeout,
    Duration shutdownGrace) {

  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(90);
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);

  public Environment {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(ticker, "ticker");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
  }

  /** The process's streams, clock and zone, a real scheduler, KES's timeouts. */
  public static Environment system(BuildInfo build) {
    return new Environment(System.out, System.err, Clock.systemUTC(), ZoneId.systemDefault(),
        build, Optional.empty(), DEFAULT_IDLE_TIMEOUT, DEFAULT_SHUTDOWN_GRACE);
  }

  public Environment withStreams(PrintStream out, PrintStream err) {
    return new Environment(out, err, clock, zone, build, ticker, idleTimeout, shutdownGrace);
  }

  public Environment withTicker(Ticker ticker) {
    return new Environment(out, err, clock, zone, build, Optional.of(ticker), idleTimeout,
        shutdownGrace);
  }

  public Environment withIdleTimeout(Duration idleTimeout) {
    return new Environment(out, err, clock, zone, build, ticker, idleTimeout, shutdownGrace);
  }
}
