package org.openkes.cli.policy;

import org.openkes.cli.client.ClientContext;
import org.openkes.cli.client.ServerCall;
import picocli.CommandLine.ParentCommand;

/** A {@code kes policy} subcommand: it talks to the server with its parent's context. */
abstract class PolicyCall extends ServerCall {
  @ParentCommand PolicyCommand parent;

  @Override
  protected ClientContext context() {
    return parent.context;
  }
}
