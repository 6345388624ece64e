package org.openkes.client;

/**
 * Maps an error response to the SDK's sentinel errors by status and exact message (kes-compat.md
 * §1.3). Messages must be equal to the byte: the SDK compares errors with {@code ==}.
 */
final class SentinelErrors {
  private SentinelErrors() {}

  static ApiException match(int status, String message) {
    return switch (status) {
      case 400 -> switch (message) {
        case KeyExistsException.MESSAGE -> new KeyExistsException();
        case DecryptionFailedException.MESSAGE -> new DecryptionFailedException();
        default -> new ApiException(status, message);
      };
      case 403 -> switch (message) {
        case NotAllowedException.MESSAGE -> new NotAllowedException();
        default -> new ApiException(status, message);
      };
      case 404 -> switch (message) {
        case KeyNotFoundException.MESSAGE -> new KeyNotFoundException();
        case PolicyNotFoundException.MESSAGE -> new PolicyNotFoundException();
        case IdentityNotFoundException.MESSAGE -> new IdentityNotFoundException();
        default -> new ApiException(status, message);
      };
      default -> new ApiException(status, message);
    };
  }
}
