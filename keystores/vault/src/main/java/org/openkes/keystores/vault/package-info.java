/**
 * The {@code vault} keystore: master keys as K/V entries in HashiCorp Vault or OpenBao, laid out
 * exactly as real KES v0.24 lays them out (keystores.md §4), over a thin client on the JDK
 * {@link java.net.http.HttpClient} and Jackson.
 *
 * <ul>
 *   <li>{@link org.openkes.keystores.vault.VaultConfig}: the config section and its validation
 *   <li>{@link org.openkes.keystores.vault.VaultKeyStore}: the K/V mapping
 *   <li>{@code TokenSession}: login (AppRole, Kubernetes, token), renewal, re-login
 *   <li>{@code VaultClient}: HTTP, headers, retries
 * </ul>
 */
package org.openkes.keystores.vault;
