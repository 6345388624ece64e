package org.openkes.keystores.aws;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real moto server ({@code moto_server}, PyPI {@code moto[server]}) on a free loopback port:
 * it binds port 0 and we read the port it got from its log, so two test JVMs never race for a
 * port. State lives in the process; {@link #reset()} empties it.
 */
public final class MotoServer implements AutoCloseable {
  private static final Pattern RUNNING = Pattern.compile("Running on http://127\\.0\\.0\\.1:(\\d+)");
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final Process process;
  private final Path log;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private MotoServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * The {@code moto_server} executable: {@code $MOTO_SERVER} (what
   * {@code scripts/install-moto.sh} prints), else the one on the PATH, if any.
   */
  public static Optional<Path> executable() {
    String explicit = System.getenv("MOTO_SERVER");
    if (explicit != null && !explicit.isBlank()) {
      Path p = Path.of(explicit);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, "moto_server");
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Starts {@code moto_server} and waits until it answers.
   *
   * @param dir where its log goes
   * @param env extra environment (e.g. {@code INITIAL_NO_AUTH_ACTION_COUNT})
   */
  public static MotoServer start(Path executable, Path dir, Map<String, String> env) throws IOException, InterruptedException {
    Path log = dir.resolve("moto.log");
    ProcessBuilder pb = new ProcessBuilder(List.of(executable.toString(), "-H", "127.0.0.1", "-p", "0"))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().put("PYTHONUNBUFFERED", "1");
    pb.environment().putAll(env);
    Process p = pb.start();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    int port = -1;
    try {
      while (port < 0) {
        if (!p.isAlive()) {
          throw new IOException("moto_server exited with " + p.exitValue() + ": " + tail(log));
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("moto_server did not start within " + STARTUP.toSeconds() + " s: " + tail(log));
        }
        Matcher m = RUNNING.matcher(Files.readString(log, StandardCharsets.UTF_8));
        if (m.find()) {
          port = Integer.parseInt(m.group(1));
        } else {
          Thread.sleep(50);
        }
      }
      MotoServer server = new MotoServer(p, log, port);
      server.awaitAnswer(deadline);
      return server;
    } catch (IOException | InterruptedException | RuntimeException e) {
      p.destroyForcibly();
      throw e;
    }
  }

  /** Waits until moto answers its own API (which, unlike AWS calls, never counts as a request for auth). */
  private void awaitAnswer(long deadline) throws IOException, InterruptedException {
    IOException last = null;
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r = http.send(
            HttpRequest.newBuilder(endpoint().resolve("/moto-api/data.json")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        last = e;
      }
      Thread.sleep(50);
    }
    throw new IOException("moto_server on port " + port + " does not answer: " + tail(log), last);
  }

  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>} */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Drops every secret (all services, accounts and regions). */
  public void reset() throws IOException, InterruptedException {
    post("/moto-api/reset", "");
  }

  /**
   * Turns request authentication on: the next {@code unauthenticated} AWS requests pass
   * without a valid signature (to create IAM users), every later one is checked against moto's
   * IAM. {@code Double.POSITIVE_INFINITY} turns it off again.
   */
  public void requireAuthAfter(double unauthenticated) throws IOException, InterruptedException {
    post("/moto-api/reset-auth", unauthenticated == Double.POSITIVE_INFINITY ? "inf" : Long.toString((long) unauthenticated));
  }

  /**
   * An AWS query-protocol call (IAM, STS) sent without a valid signature: only works while
   * moto still lets requests through unauthenticated. Returns the XML answer.
   */
  public String unsignedQuery(String service, String body) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint())
        .header("Content-Type", "application/x-www-form-urlencoded")
        // moto routes by the credential scope's service name
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=setup/20250101/us-east-1/" + service
            + "/aws4_request, SignedHeaders=host, Signature=0")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("moto answered " + r.statusCode() + " to " + body + ": " + r.body());
    }
    return r.body();
  }

  private void post(String path, String body) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint().resolve(path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("moto answered " + r.statusCode() + " to POST " + path + ": " + r.body());
    }
  }

  @Override
  public void close() {
    http.close();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String tail(Path log) {
    try {
      String s = Files.readString(log, StandardCharsets.UTF_8);
      return s.length() > 2000 ? "..." + s.substring(s.length() - 2000) : s;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
