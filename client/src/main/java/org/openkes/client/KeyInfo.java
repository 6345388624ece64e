package org.openkes.client;

import java.time.Instant;
import java.util.Objects;
import org.openkes.core.crypto.KeyType;
import org.openkes.core.identity.Identity;

/**
 * What {@code GET /v1/key/describe/<name>} reports.
 *
 * @param name the key name
 * @param algorithm AES256 or ChaCha20
 * @param createdAt when the key was created; Go's zero time ({@code 0001-01-01T00:00:00Z}) for
 *     legacy keys without it, the Unix epoch for protobuf keys without it
 * @param createdBy the identity that created it; {@link Identity#UNKNOWN} when not recorded
 */
public record KeyInfo(String name, KeyType algorithm, Instant createdAt, Identity createdBy) {
  public KeyInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
  }
}
