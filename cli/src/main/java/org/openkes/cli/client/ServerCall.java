package org.openkes.cli.client;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.openkes.cli.Terminal;
import org.openkes.client.ClientConfigurationException;
import org.openkes.client.ClientEnvironment;
import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import picocli.CommandLine.Mixin;

/**
 * A command that talks to a KES server: connects as configured by the environment, runs, and
 * reports any failure as one {@code Error: } line with exit code 1.
 */
public abstract class ServerCall implements Callable<Integer> {
  @Mixin protected ConnectionOptions connection;

  /** Where the terminal and environment come from (the parent command, usually). */
  protected abstract ClientContext context();

  /** The command's work; throw {@link CommandFailure} with a complete message to fail. */
  protected abstract void run(KesClient kes, Terminal terminal) throws KesException, CommandFailure;

  /** Usage checks before connecting; a message here exits 2. */
  protected Optional<String> usageError() {
    return Optional.empty();
  }

  /** Only {@code kes ls} overrides these (it has {@code -s} and {@code -a}). */
  protected ClientEnvironment.Flags flags() {
    return new ClientEnvironment.Flags(Optional.empty(), Optional.empty(), connection.insecure());
  }

  @Override
  public final Integer call() {
    ClientContext ctx = context();
    Terminal t = ctx.terminal();
    Optional<String> usage = usageError();
    if (usage.isPresent()) {
      t.err().println("Error: " + usage.get());
      return 2;
    }
    try (KesClient kes = ctx.connect(flags())) {
      run(kes, t);
      t.out().flush();
      return 0;
    } catch (ClientConfigurationException e) {
      t.err().println("Error: " + e.getMessage());
    } catch (CommandFailure e) {
      t.err().println("Error: " + e.getMessage());
    } catch (KesException e) {
      t.err().println("Error: " + Failures.message("request failed", null, e));
    }
    t.out().flush();
    return 1;
  }
}
