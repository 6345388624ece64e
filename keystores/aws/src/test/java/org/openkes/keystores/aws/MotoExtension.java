package org.openkes.keystores.aws;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one moto server for a test class and stops it afterwards:
 * {@code @RegisterExtension static final MotoExtension MOTO = new MotoExtension();}
 *
 * <p>Without {@code moto_server} on the PATH the class is skipped with one line saying how to
 * install it, unless the environment has {@code CI=true}: CI installs it
 * ({@code scripts/install-moto.sh}), so there a missing server fails the build.
 */
public final class MotoExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {
  static final String INSTALL_HINT = "moto_server is not installed; run scripts/install-moto.sh to run the"
      + " AWS Secrets Manager tests against moto";

  private final Map<String, String> env;
  private MotoServer server;
  private Path dir;

  public MotoExtension() {
    this(Map.of());
  }

  public MotoExtension(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public MotoServer server() {
    if (server == null) {
      throw new IllegalStateException("moto is not running (is the extension registered as static?)");
    }
    return server;
  }

  /** Without moto (and not on CI) the class is skipped, and the reason says how to get it. */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (MotoServer.executable().isEmpty() && !onCi()) {
      if (context.getTestMethod().isEmpty()) {
        // Surefire counts skipped tests but does not print why; one line per class does.
        System.err.println("Skipping " + context.getDisplayName() + ": " + INSTALL_HINT);
      }
      return ConditionEvaluationResult.disabled(INSTALL_HINT);
    }
    return ConditionEvaluationResult.enabled("moto_server is installed (or CI=true)");
  }

  private static boolean onCi() {
    return "true".equals(System.getenv("CI"));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Optional<Path> exe = MotoServer.executable();
    if (exe.isEmpty()) {
      fail(INSTALL_HINT + " (CI=true, so this is an error)");
    }
    dir = Files.createTempDirectory("kes-moto-");
    server = MotoServer.start(exe.get(), dir, env);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      server = null;
      if (dir != null) {
        deleteTree(dir);
        dir = null;
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
