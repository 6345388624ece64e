/**
 * Who a KES client is: identities (SHA-256 of a certificate's public key), API keys and the
 * certificates derived from them, and the PEM/TLS material KES reads and writes.
 *
 * <p>Entry points: {@link org.openkes.core.identity.Identity}, {@link
 * org.openkes.core.identity.ApiKey}, {@link org.openkes.core.identity.Pem}, {@link
 * org.openkes.core.identity.SelfSignedCertificates}. Behaviour follows real KES and Go's standard
 * library where they are observable (error texts, which inputs are accepted); the package-private
 * classes {@code GoPem}, {@code GoStdBase64} and {@code Rfc1423} are faithful ports for exactly
 * that reason.
 */
package org.openkes.core.identity;
