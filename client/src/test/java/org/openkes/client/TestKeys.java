package org.openkes.client;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.openkes.core.identity.ApiKey;

/** Shared fixtures: a fixed API key and a client for a fake server that never sleeps. */
final class TestKeys {
  /** The API key of the CLI's help text (kes-compat.md §3.2); public, so fine in a test. */
  static final ApiKey API_KEY = parse("kes:v1:ACQpoGqx3rHHjT938Hfu5hVVQJHZWSqVI2Xp1KlYxFVw");

  private TestKeys() {}

  static ApiKey parse(String s) {
    try {
      return ApiKey.parse(s);
    } catch (org.openkes.core.identity.InvalidApiKeyException e) {
      throw new AssertionError(e);
    }
  }

  static ApiKey random() {
    return ApiKey.generate(new SecureRandom());
  }

  /** Records the pauses it was asked for instead of pausing. */
  static final class RecordingSleeper implements Sleeper {
    final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void sleep(Duration d) {
      pauses.add(d);
    }
  }

  /** A client for {@code server}: the API key, the server's certificate as CA, no real sleeps. */
  static KesClient.Builder client(FakeKesServer server, Sleeper sleeper) {
    return client(Transport.HTTP_CLIENT, server, sleeper);
  }

  /** The same over the given transport. */
  static KesClient.Builder client(Transport transport, FakeKesServer server, Sleeper sleeper) {
    return KesClient.builder()
        .transport(transport)
        .endpoint(server.endpoint())
        .apiKey(API_KEY)
        .serverTrust(ServerTrust.certificates(List.of(server.certificate())))
        .sleeper(sleeper)
        .random(new java.util.Random(7))
        .callTimeout(Duration.ofSeconds(20));
  }
}
