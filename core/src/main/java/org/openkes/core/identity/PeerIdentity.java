package org.openkes.core.identity;

import java.util.Objects;

/**
 * Outcome of identifying a TLS client from the certificates it sent (KES {@code
 * identifyRequest}). Either the identity of the single non-CA certificate, or the reason there is
 * none, with the exact text KES answers with status 400.
 */
public sealed interface PeerIdentity permits PeerIdentity.Identified, PeerIdentity.Rejected {

  /** The client's identity. */
  record Identified(Identity identity) implements PeerIdentity {
    public Identified {
      Objects.requireNonNull(identity, "identity");
    }
  }

  /** No usable client certificate. */
  record Rejected(Reason reason) implements PeerIdentity {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }

    /** The error text for the HTTP response. */
    public String message() {
      return reason.message();
    }
  }

  /** Why a peer could not be identified. */
  enum Reason {
    /** No certificate, or only CA certificates. */
    CLIENT_CERTIFICATE_REQUIRED("tls: client certificate is required"),
    /** More than one non-CA certificate. */
    MORE_THAN_ONE_CLIENT_CERTIFICATE("tls: received more than one client certificate"),
    /**
     * Java-only: the leaf's encoding could not be cut apart to find its public key. Real KES
     * never gets here because Go's TLS stack rejects such a certificate during the handshake;
     * JSSE has already parsed the certificate, so this is not expected to happen either.
     */
    INVALID_CLIENT_CERTIFICATE("tls: invalid client certificate");

    private final String message;

    Reason(String message) {
      this.message = message;
    }

    public String message() {
      return message;
    }
  }
}
