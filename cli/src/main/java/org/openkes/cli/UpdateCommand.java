package org.openkes.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code kes update}: real KES updates itself from MinIO's GitHub releases (and is broken in
 * v0.24). This distribution is updated by installing a new release; say so and fail.
 */
@Command(name = "update", mixinStandardHelpOptions = true,
    description = "Not applicable: update this distribution by installing a new release.")
final class UpdateCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", hidden = true) List<String> ignored;
  @Unmatched List<String> unmatched;

  @Override
  public Integer call() {
    System.err.println("Error: 'kes update' is not applicable to this distribution: it would download"
        + " MinIO's KES, not this one. Install a new release of this distribution instead.");
    return 1;
  }
}
