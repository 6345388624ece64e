package org.openkes.cli.client;

import org.openkes.client.ApiException;
import org.openkes.client.IdentityNotFoundException;
import org.openkes.client.KesException;
import org.openkes.client.KeyExistsException;
import org.openkes.client.KeyNotFoundException;
import org.openkes.client.NotAllowedException;
import org.openkes.client.PolicyNotFoundException;
import org.openkes.client.TransportException;

/**
 * Turns client exceptions into one line that says what failed, where and why. Real KES prints
 * {@code <context>: <server message>}; we name the key or endpoint too and say what to try.
 */
public final class Failures {
  private Failures() {}

  /**
   * The message for a failed call.
   *
   * @param action what was attempted, e.g. {@code failed to create key "a"}
   * @param subject the thing acted on for sentinel errors, e.g. {@code key "a"}; may be null
   */
  public static CommandFailure of(String action, String subject, KesException e) {
    return new CommandFailure(message(action, subject, e));
  }

  static String message(String action, String subject, KesException e) {
    return switch (e) {
      case KeyNotFoundException k when subject != null -> subject + " does not exist";
      case KeyExistsException k when subject != null -> subject + " already exists";
      case PolicyNotFoundException p when subject != null -> subject + " does not exist";
      case IdentityNotFoundException i when subject != null -> subject + " does not exist";
      case NotAllowedException n -> action + ": not allowed: the server's policy for this client's "
          + "identity does not permit it (" + n.getMessage() + ")";
      case ApiException a -> action + ": " + a.getMessage() + " (HTTP " + a.status() + ")";
      case TransportException t -> transport(t);
      default -> action + ": " + e.getMessage();
    };
  }

  static String transport(TransportException t) {
    String m = t.getMessage().startsWith("kes: ") ? t.getMessage().substring(5) : t.getMessage();
    return switch (t.reason()) {
      case TLS_VERIFICATION -> m + "; if the server's certificate is self-signed, -k/--insecure skips verification";
      case CONNECTION_REFUSED -> m + "; is the server running there? Set KES_SERVER to its address";
      case UNKNOWN_HOST -> m + "; check the host name in KES_SERVER (or MINIO_KES_SERVER)";
      default -> m;
    };
  }
}
