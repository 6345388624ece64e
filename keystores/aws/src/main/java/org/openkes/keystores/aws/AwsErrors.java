package org.openkes.keystores.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openkes.core.keystore.KeyStoreException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;

/**
 * Turns AWS SDK exceptions into the keystore's typed errors, with one sentence that names AWS
 * Secrets Manager, the endpoint, the key and what to do. The cases every operation handles
 * itself (exists, not found, scheduled for deletion) are decided by the store before it gets
 * here.
 */
final class AwsErrors {
  private AwsErrors() {}

  /** The signature or the credentials themselves are wrong (not a missing permission). */
  private static final Set<String> CREDENTIAL_CODES = Set.of(
      "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException",
      "SignatureDoesNotMatch", "IncompleteSignature", "IncompleteSignatureException",
      "MissingAuthenticationToken", "MissingAuthenticationTokenException", "InvalidAccessKeyId",
      "ExpiredToken", "ExpiredTokenException", "AuthFailure", "InvalidToken");

  private static final Set<String> PERMISSION_CODES = Set.of("AccessDeniedException", "AccessDenied");

  private static final Pattern XML_CODE = Pattern.compile("<Code>([A-Za-z0-9_.:]{1,100})</Code>");
  private static final Pattern XML_MESSAGE = Pattern.compile("<Message>([^<]{0,1000})</Message>");

  /**
   * The error code, or "" when the answer had none. Secrets Manager answers in JSON, which the
   * SDK parses; an answer from something in front of it (a gateway, a proxy, moto's request
   * authentication) may be the XML of the query protocol, whose code the SDK leaves unread.
   */
  static String code(AwsServiceException e) {
    AwsErrorDetails d = e.awsErrorDetails();
    if (d == null) {
      return "";
    }
    if (d.errorCode() != null && !d.errorCode().isEmpty()) {
      return d.errorCode();
    }
    return fromXml(d, XML_CODE);
  }

  private static String message(AwsServiceException e) {
    AwsErrorDetails d = e.awsErrorDetails();
    if (d == null) {
      return "";
    }
    if (d.errorMessage() != null && !d.errorMessage().isEmpty()) {
      return d.errorMessage();
    }
    return fromXml(d, XML_MESSAGE);
  }

  private static String fromXml(AwsErrorDetails d, Pattern p) {
    if (d.rawResponse() == null) {
      return "";
    }
    Matcher m = p.matcher(d.rawResponse().asString(StandardCharsets.UTF_8));
    return m.find() ? m.group(1) : "";
  }

  /**
   * Whether Secrets Manager refused the call because a secret of this name is (being) deleted:
   * real AWS answers a create during an asynchronous force delete, and any call on a secret in
   * its recovery window, with InvalidRequestException (keystores.md §5.1, K11). The code alone
   * also covers unrelated mistakes, so the message decides.
   */
  static boolean isDeletionConflict(SdkException e) {
    return e instanceof InvalidRequestException ire
        && ire.awsErrorDetails() != null
        && ire.awsErrorDetails().errorMessage() != null
        && ire.awsErrorDetails().errorMessage().toLowerCase(java.util.Locale.ROOT).contains("delet");
  }

  static KeyStoreException map(Operation op, String name, String endpoint, SdkException e) {
    String where = "AWS Secrets Manager at " + endpoint;
    if (e instanceof AwsServiceException ase) {
      String code = code(ase);
      String detail = detail(ase);
      if (CREDENTIAL_CODES.contains(code)) {
        return new KeyStoreException.Failure(where + " rejected the credentials (" + detail + "): check"
            + " keystore.aws.secretsmanager.credentials, or the AWS default credential chain when they are"
            + " empty", e);
      }
      if (PERMISSION_CODES.contains(code)) {
        return new KeyStoreException.Failure(where + " denied the request to " + op.what(name) + " ("
            + detail + "): the credentials need the permission secretsmanager:" + op.action, e);
      }
      if (ase.statusCode() == 401 || ase.statusCode() == 403) {
        // No code we know: either the credentials or a permission.
        return new KeyStoreException.Failure(where + " refused the request to " + op.what(name) + " ("
            + detail + "): check keystore.aws.secretsmanager.credentials (or the AWS default credential"
            + " chain when they are empty) and that they have the permission secretsmanager:" + op.action, e);
      }
      if (ase.isThrottlingException()) {
        return new KeyStoreException.Failure(where + " kept throttling the request to " + op.what(name)
            + " after several retries (" + detail + "); try again later, with fewer requests at once", e);
      }
      if (code.equals("DecryptionFailure") || code.equals("DecryptionFailureException")) {
        return new KeyStoreException.Failure(where + " cannot decrypt key '" + name + "' (" + detail
            + "): the credentials need kms:Decrypt on the KMS key of the secret", e);
      }
      if (code.equals("EncryptionFailure") || code.equals("EncryptionFailureException")) {
        return new KeyStoreException.Failure(where + " cannot encrypt key '" + name + "' (" + detail
            + "): check keystore.aws.secretsmanager.kmskey and that the credentials may use that KMS key", e);
      }
      if (ase.statusCode() >= 500) {
        return new KeyStoreException.Unreachable(where + " is unavailable: it answered HTTP "
            + ase.statusCode() + " to the request to " + op.what(name) + " (" + detail + ")", e);
      }
      return new KeyStoreException.Failure(where + ": cannot " + op.what(name) + " (" + detail + ")", e);
    }
    Throwable t = e;
    while (t != null) {
      if (t instanceof CredentialsChain.NoCredentials) {
        return new KeyStoreException.Failure("cannot " + op.what(name) + " at " + where + ": no AWS"
            + " credentials. keystore.aws.secretsmanager.credentials is empty and the AWS default"
            + " credential chain found none (" + firstSentence(t.getCause() == null ? "" : t.getCause().getMessage())
            + ")", e);
      }
      if (t instanceof IOException || t instanceof UncheckedIOException) {
        return new KeyStoreException.Unreachable("cannot reach " + where + " to " + op.what(name) + ": "
            + describe(t), e);
      }
      t = t.getCause();
    }
    return new KeyStoreException.Failure(where + ": cannot " + op.what(name) + ": " + e.getMessage(), e);
  }

  /**
   * "Code: first sentence of the message". Only the first sentence: some AWS signature errors
   * append the canonical request, which may carry a session token.
   */
  static String detail(AwsServiceException e) {
    String code = code(e);
    String message = firstSentence(message(e));
    String status = "HTTP " + e.statusCode();
    if (code.isEmpty()) {
      return message.isEmpty() ? status : status + ": " + message;
    }
    return message.isEmpty() ? code : code + ": " + message;
  }

  static String firstSentence(String s) {
    if (s == null) {
      return "";
    }
    String t = s.strip();
    int nl = t.indexOf('\n');
    if (nl >= 0) {
      t = t.substring(0, nl);
    }
    int dot = t.indexOf(". ");
    if (dot >= 0) {
      t = t.substring(0, dot + 1);
    }
    return t.length() > 300 ? t.substring(0, 300) + "..." : t;
  }

  private static String describe(Throwable t) {
    return StatusProbe.reason(t);
  }
}
