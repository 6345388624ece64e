package org.openkes.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorResponsesTest {
  private static ApiException read(int status, String contentType, String body) throws KesException {
    return ErrorResponses.read(Exchanges.of(status, contentType, body));
  }

  private static String kesError(String message) {
    return "{\"message\":\"" + message + "\"\n}"; // exactly as KES writes it
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "400|key already exists|KeyExistsException",
    "404|key does not exist|KeyNotFoundException",
    "403|not authorized: insufficient permissions|NotAllowedException",
    "400|decryption failed: ciphertext is not authentic|DecryptionFailedException",
    "404|policy does not exist|PolicyNotFoundException",
    "404|identity does not exist|IdentityNotFoundException",
  })
  void sentinelsNeedStatusAndMessage(int status, String message, String type) throws KesException {
    ApiException e = read(status, "application/json", kesError(message));
    assertThat(e.getClass().getSimpleName()).isEqualTo(type);
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.serverMessage()).isEqualTo(message);
    assertThat(e.getMessage()).isEqualTo(message);

    // The same message with another status is not the sentinel (the SDK compares both).
    ApiException other = read(status == 400 ? 404 : 400, "application/json", kesError(message));
    assertThat(other.getClass()).isEqualTo(ApiException.class);
    // Nor is the status with a slightly different message.
    assertThat(read(status, "application/json", kesError(message + ".")).getClass())
        .isEqualTo(ApiException.class);
  }

  @Test
  void otherErrorsCarryStatusAndMessage() throws KesException {
    ApiException e = read(502, "application/json", kesError("failed to read key"));
    assertThat(e.getClass()).isEqualTo(ApiException.class);
    assertThat(e.status()).isEqualTo(502);
    assertThat(e.getMessage()).isEqualTo("failed to read key");
  }

  @Test
  void errorFieldWinsOverMessage() throws KesException {
    ApiException e = read(404, "application/json; charset=utf-8",
        "{\"message\":\"ignored\",\"error\":\"key does not exist\"}");
    assertThat(e).isInstanceOf(KeyNotFoundException.class);
  }

  @Test
  void legacyMessagesOfOldServersMapToSentinelsInJsonOnly() throws KesException {
    assertThat(read(400, "application/json", kesError("key does already exist")))
        .isInstanceOf(KeyExistsException.class)
        .hasMessage("key already exists");
    assertThat(read(403, "application/json", kesError("prohibited by policy")))
        .isInstanceOf(NotAllowedException.class);
    assertThat(read(403, "text/plain", "prohibited by policy").getClass()).isEqualTo(ApiException.class);
  }

  @Test
  void nonJsonBodiesAreTheMessageVerbatim() throws KesException {
    ApiException e = read(404, "text/plain; charset=utf-8", "404 page not found\n");
    assertThat(e.serverMessage()).isEqualTo("404 page not found\n");
    assertThat(e.getMessage()).isEqualTo("404 page not found");
    // A sentinel text in a non-JSON body still matches: the SDK compares status and text only.
    assertThat(read(404, "text/plain", "key does not exist")).isInstanceOf(KeyNotFoundException.class);
  }

  @Test
  void brokenJsonKeepsStatusAndRawBody() throws KesException {
    ApiException e = read(500, "application/json", "{oops");
    assertThat(e.status()).isEqualTo(500);
    assertThat(e.serverMessage()).isEqualTo("{oops");
  }

  @Test
  void anEmptyBodyStillNamesTheStatus() throws KesException {
    ApiException e = read(500, null, "");
    assertThat(e.serverMessage()).isEmpty();
    assertThat(e.getMessage()).isEqualTo("HTTP status 500");
  }

  @Test
  void ofBuildsTheSameTypesForCallers() {
    assertThat(ApiException.of(404, "key does not exist")).isInstanceOf(KeyNotFoundException.class);
    assertThat(ApiException.of(418, "teapot").status()).isEqualTo(418);
  }
}
