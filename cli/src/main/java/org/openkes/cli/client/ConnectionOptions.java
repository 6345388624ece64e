package org.openkes.cli.client;

import picocli.CommandLine.Option;

/** The flags every server command shares: {@code -k} and the ignored {@code -e}. */
public final class ConnectionOptions {
  @Option(names = {"-k", "--insecure"}, description = "Skip verification of the server's TLS certificate.")
  boolean insecure;

  // Real KES v0.24 still accepts -e/--enclave on many commands and ignores it; so do we, so that
  // scripts written for it keep working.
  @Option(names = {"-e", "--enclave"}, paramLabel = "NAME", hidden = true,
      description = "Ignored (enclaves no longer exist).")
  String enclave;

  public boolean insecure() {
    return insecure;
  }
}
