package org.openkes.server.api;

import static org.openkes.server.api.ApiResponse.error;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.server.json.GoJson;
import org.openkes.server.log.ErrorLog;
import org.openkes.server.metrics.Metrics;

/** {@code /version}, {@code /v1/ready}, {@code /v1/status}, {@code /v1/metrics}, {@code /v1/api}. */
final class SystemApi {
  private final ApiContext ctx;

  SystemApi(ApiContext ctx) {
    this.ctx = ctx;
  }

  ApiResponse version(ApiRequest req) {
    return ApiResponse.ok(GoJson.object()
        .put("version", ctx.build().version())
        .put("commit", ctx.build().commit()));
  }

  /** 200 when the keystore answers; 504 when unreachable or offline; 502 otherwise. */
  ApiResponse ready(ApiRequest req) {
    ErrorLog log = ctx.errorLog();
    try {
      ctx.keys().status();
      return new ApiResponse.Empty(200);
    } catch (KeyStoreException.Unreachable e) {
      log.warn(KeyApi.describe(e), req.info());
      return error(504, Errors.STORE_UNREACHABLE);
    } catch (KeyStoreException | RuntimeException e) {
      log.warn(KeyApi.describe(e), req.info());
      return error(502, Errors.STORE_UNAVAILABLE);
    }
  }

  /**
   * Server state. Never fails because of the keystore: an error shows as
   * {@code keystore_unreachable}; the latency is in milliseconds, at least 1 (kes-compat.md §1.5).
   */
  ApiResponse status(ApiRequest req) {
    long latencyMillis = 0;
    boolean unreachable = true;
    try {
      Duration d = ctx.keys().status();
      unreachable = false;
      latencyMillis = Math.max(1, Math.round(d.toNanos() / 1e6));
    } catch (KeyStoreException | RuntimeException e) {
      // reported as keystore_unreachable
    }
    long uptime = Math.round(
        Duration.between(ctx.startTime(), ctx.clock().instant()).toMillis() / 1000.0);
    return ApiResponse.ok(GoJson.object()
        .put("version", ctx.build().version())
        .put("os", goos())
        .put("arch", goarch())
        .put("uptime", Math.max(0, uptime))
        .put("num_cpu", Metrics.systemCpus())
        .put("num_cpu_used", Runtime.getRuntime().availableProcessors())
        .put("mem_heap_used", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed())
        .put("mem_stack_used", Metrics.stackBytes())
        .putUnless(latencyMillis == 0, "keystore_latency", latencyMillis)
        .putUnless(!unreachable, "keystore_unreachable", true));
  }

  ApiResponse metrics(ApiRequest req) {
    return new ApiResponse.Text(200, Metrics.CONTENT_TYPE, ctx.metrics().render());
  }

  /** The route table as {@code /v1/api} lists it; timeouts in whole seconds. */
  static ApiResponse listApis(List<Route> routes) {
    List<Object> out = new ArrayList<>(routes.size());
    for (Route r : routes) {
      out.add(GoJson.object()
          .put("method", r.method())
          .put("path", r.path())
          .put("max_body", r.maxBody())
          .put("timeout", r.timeout().toSeconds()));
    }
    return new ApiResponse.Json(200, GoJson.encode(out));
  }

  /** Go's GOOS for the JVM's OS. */
  static String goos() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.startsWith("linux")) {
      return "linux";
    } else if (os.startsWith("mac") || os.startsWith("darwin")) {
      return "darwin";
    } else if (os.startsWith("windows")) {
      return "windows";
    } else if (os.startsWith("freebsd")) {
      return "freebsd";
    }
    return os.replace(' ', '_');
  }

  /** Go's GOARCH for the JVM's architecture. */
  static String goarch() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i686" -> "386";
      case "ppc64le" -> "ppc64le";
      case "s390x" -> "s390x";
      case "riscv64" -> "riscv64";
      default -> arch;
    };
  }
}
