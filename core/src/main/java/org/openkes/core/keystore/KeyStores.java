package org.openkes.core.keystore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.openkes.core.config.ConfigException;
import org.openkes.core.config.Section;

/**
 * The registry of keystore backends found on the class path, and the one place that turns the
 * {@code keystore:} section of a config file into an open {@link KeyStore}.
 */
public final class KeyStores {
  /** The sections real KES knows, in the order it checks them (kes-compat.md §4.3). */
  static final List<String> KES_SECTIONS = List.of(
      "fs", "vault", "fortanix.sdkms", "gemalto.keysecure", "gcp.secretmanager",
      "aws.secretsmanager", "azure.keyvault", "entrust.keycontrol");

  private final Map<String, KeyStoreProvider> providers;

  private KeyStores(Map<String, KeyStoreProvider> providers) {
    this.providers = providers;
  }

  /** The providers registered through {@code META-INF/services}. */
  public static KeyStores fromClassPath() {
    return of(ServiceLoader.load(KeyStoreProvider.class, KeyStores.class.getClassLoader()));
  }

  /** A registry of the given providers (tests, embedding). */
  public static KeyStores of(Iterable<? extends KeyStoreProvider> providers) {
    Map<String, KeyStoreProvider> byType = new LinkedHashMap<>();
    for (KeyStoreProvider p : providers) {
      byType.putIfAbsent(p.type(), p);
    }
    return new KeyStores(byType);
  }

  /** The section types this build can open. */
  public List<String> types() {
    return List.copyOf(providers.keySet());
  }

  /**
   * Opens the one backend configured in {@code keystore} (the section rooted at
   * {@code keystore}).
   */
  public KeyStore open(Section keystore) throws ConfigException, KeyStoreException {
    List<String> candidates = new ArrayList<>(KES_SECTIONS);
    for (String t : providers.keySet()) {
      if (!candidates.contains(t)) {
        candidates.add(t);
      }
    }
    String found = null;
    for (String type : candidates) {
      if (keystore.section(type).isPresent()) {
        if (found != null) {
          throw keystore.error(type, "kesconf: invalid keystore config: more than once keystore specified");
        }
        found = type;
      }
    }
    if (found == null) {
      if (!keystore.keys().isEmpty()) {
        String first = keystore.keys().iterator().next();
        throw keystore.error(first, "kesconf: unknown keystore '" + first
            + "' (this build supports: " + String.join(", ", providers.keySet()) + ")");
      }
      throw new ConfigException("kesconf: no keystore specified");
    }
    KeyStoreProvider provider = providers.get(found);
    if (provider == null) {
      throw keystore.error(found, "kesconf: keystore '" + found
          + "' is not supported by this build (supported: " + String.join(", ", providers.keySet()) + ")");
    }
    return provider.open(keystore.section(found).orElseThrow());
  }
}
