package org.openkes.client;

import java.util.Objects;

/**
 * What {@code GET /version} reports.
 *
 * @param version the release, e.g. {@code 2025-03-12T09-35-18Z}; real KES says {@code <unknown>}
 *     when built without VCS information (as from the Go module proxy)
 * @param commit the commit hash, or {@code <unknown>}; empty if the server does not send it
 */
public record ServerVersion(String version, String commit) {
  public ServerVersion {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(commit, "commit");
  }
}
