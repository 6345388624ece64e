package org.openkes.cli.key;

import org.openkes.cli.client.ClientContext;
import org.openkes.cli.client.ServerCall;
import picocli.CommandLine.ParentCommand;

/** A {@code kes key} subcommand: it talks to the server with its parent's context. */
abstract class KeyCall extends ServerCall {
  @ParentCommand KeyCommand parent;

  @Override
  protected ClientContext context() {
    return parent.context;
  }
}
