package org.openkes.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openkes.core.identity.ApiKey;
import org.openkes.core.identity.InvalidApiKeyException;
import org.openkes.core.identity.KeyMaterialException;
import org.openkes.core.identity.Pem;

/**
 * The connection settings of the {@code kes} CLI (kes-compat.md §8.2): endpoints and credentials
 * from flags and environment variables, in the CLI's order of precedence and with its error
 * messages, so that a command line built on this client behaves like the real one.
 *
 * <table>
 *   <caption>Sources, first set one wins (an empty variable counts as set)</caption>
 *   <tr><th>Setting<th>Sources<th>Default
 *   <tr><td>endpoints<td>{@code --server}, {@code MINIO_KES_SERVER}, {@code KES_SERVER},
 *       {@code MINIO_KMS_KES_ENDPOINT}<td>{@code 127.0.0.1:7373}
 *   <tr><td>API key<td>{@code --api-key}, {@code MINIO_KES_API_KEY}, {@code KES_API_KEY},
 *       {@code MINIO_KMS_KES_API_KEY}<td>–
 *   <tr><td>private key file<td>{@code MINIO_KES_KEY_FILE}, {@code KES_CLIENT_KEY},
 *       {@code MINIO_KES_CLIENT_KEY}<td>–
 *   <tr><td>certificate file<td>{@code MINIO_KES_CERT_FILE}, {@code KES_CLIENT_CERT},
 *       {@code MINIO_KES_CLIENT_CERT}<td>–
 * </table>
 */
public final class ClientEnvironment {
  static final List<String> SERVER = List.of("MINIO_KES_SERVER", "KES_SERVER", "MINIO_KMS_KES_ENDPOINT");
  static final List<String> API_KEY = List.of("MINIO_KES_API_KEY", "KES_API_KEY", "MINIO_KMS_KES_API_KEY");
  static final List<String> KEY_FILE = List.of("MINIO_KES_KEY_FILE", "KES_CLIENT_KEY", "MINIO_KES_CLIENT_KEY");
  static final List<String> CERT_FILE = List.of("MINIO_KES_CERT_FILE", "KES_CLIENT_CERT", "MINIO_KES_CLIENT_CERT");
  static final String DEFAULT_SERVER = "127.0.0.1:7373";

  private ClientEnvironment() {}

  /**
   * The command-line flags that take part; empty values count as not given, as in the CLI.
   *
   * @param server {@code -s/--server} (only {@code kes ls} has it)
   * @param apiKey {@code -a/--api-key} (only {@code kes ls} has it)
   * @param insecure {@code -k/--insecure}: do not verify the server's certificate
   */
  public record Flags(Optional<String> server, Optional<String> apiKey, boolean insecure) {
    public Flags {
      Objects.requireNonNull(server, "server");
      Objects.requireNonNull(apiKey, "apiKey");
    }

    public static Flags none() {
      return new Flags(Optional.empty(), Optional.empty(), false);
    }
  }

  /** Asks for the password of an encrypted private key file (the CLI reads it from the terminal). */
  @FunctionalInterface
  public interface PasswordPrompt {
    char[] password() throws IOException;
  }

  /**
   * A builder with endpoints, credentials and server trust set from {@code flags} and {@code env}.
   *
   * @throws ClientConfigurationException with the CLI's message, e.g. {@code no API key
   *     specified. Consider setting MINIO_KES_API_KEY}
   */
  public static KesClient.Builder configure(Map<String, String> env, Flags flags, PasswordPrompt prompt)
      throws ClientConfigurationException {
    String servers = flags.server().filter(s -> !s.isEmpty()).orElseGet(() -> first(env, SERVER).orElse(DEFAULT_SERVER));
    String apiKey = flags.apiKey().filter(s -> !s.isEmpty()).orElseGet(() -> first(env, API_KEY).orElse(""));
    String keyFile = first(env, KEY_FILE).orElse("");
    String certFile = first(env, CERT_FILE).orElse("");

    KesClient.Builder b = KesClient.builder();
    try {
      b.endpoints(servers);
    } catch (IllegalArgumentException e) {
      throw new ClientConfigurationException(e.getMessage());
    }
    b.credentials(credentials(apiKey, keyFile, certFile, prompt));
    if (flags.insecure()) {
      b.serverTrust(ServerTrust.insecure());
    }
    return b;
  }

  private static Credentials credentials(String apiKey, String keyFile, String certFile, PasswordPrompt prompt)
      throws ClientConfigurationException {
    if (apiKey.isEmpty() && keyFile.isEmpty() && certFile.isEmpty()) {
      throw new ClientConfigurationException("no API key specified. Consider setting MINIO_KES_API_KEY");
    }
    if (!apiKey.isEmpty() && !keyFile.isEmpty()) {
      throw new ClientConfigurationException("API key and private key file cannot be used at the same time");
    }
    if (!apiKey.isEmpty() && !certFile.isEmpty()) {
      throw new ClientConfigurationException("API key and certificate file cannot be used at the same time");
    }
    if (!keyFile.isEmpty() && certFile.isEmpty()) {
      throw new ClientConfigurationException("no certificate file specified. Consider setting MINIO_KES_CERT_FILE");
    }
    if (keyFile.isEmpty() && !certFile.isEmpty()) {
      throw new ClientConfigurationException("no private key file specified. Consider setting MINIO_KES_KEY_FILE");
    }
    if (!apiKey.isEmpty()) {
      try {
        return Credentials.apiKey(ApiKey.parse(apiKey));
      } catch (InvalidApiKeyException e) {
        throw new ClientConfigurationException("parsing API key: " + e.getMessage());
      }
    }
    char[] password = passwordIfEncrypted(Path.of(keyFile), prompt);
    try {
      return Credentials.pemFiles(Path.of(certFile), Path.of(keyFile), password);
    } catch (InvalidCredentialsException e) {
      if (e.getCause() instanceof KeyMaterialException k && k.kind() == KeyMaterialException.Kind.INCORRECT_PASSWORD) {
        throw new ClientConfigurationException("incorrect password");
      }
      throw new ClientConfigurationException(e.getMessage());
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
    }
  }

  /** Prompts only for an RFC 1423-encrypted key; any other problem is reported by the reader. */
  private static char[] passwordIfEncrypted(Path keyFile, PasswordPrompt prompt) throws ClientConfigurationException {
    boolean encrypted;
    try {
      encrypted = Pem.isPrivateKeyEncrypted(Files.readAllBytes(keyFile));
    } catch (IOException | KeyMaterialException e) {
      return null;
    }
    if (!encrypted) {
      return null;
    }
    try {
      return prompt.password();
    } catch (IOException e) {
      throw new ClientConfigurationException("reading password: " + e.getMessage());
    }
  }

  /** The value of the first variable that is set, even if empty. */
  static Optional<String> first(Map<String, String> env, List<String> names) {
    for (String n : names) {
      if (env.containsKey(n)) {
        return Optional.of(env.get(n));
      }
    }
    return Optional.empty();
  }
}
