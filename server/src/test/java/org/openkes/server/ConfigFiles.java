package org.openkes.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openkes.core.identity.KeyAndCertificate;
import org.openkes.core.identity.Pem;

/** Writes a server's TLS files and a KES config file into a directory. */
final class ConfigFiles {
  private ConfigFiles() {}

  /**
   * A config with the given admin, an fs keystore at {@code keys}, and {@code extra} YAML
   * appended (policies, api, cache, log ...).
   */
  static Path write(Path dir, KeyAndCertificate server, String admin, Path keys, String extra)
      throws IOException {
    Path cert = dir.resolve("server.crt");
    Path key = dir.resolve("server.key");
    Files.writeString(cert, Pem.encodeCertificate(server.certificate()));
    Files.writeString(key, Pem.encodePrivateKey(server.privateKey()));
    Path config = dir.resolve("config.yml");
    Files.writeString(config,
        "version: v1\n" + MinimalConfig.yaml("127.0.0.1:0", admin, key, cert, keys) + extra);
    return config;
  }
}
