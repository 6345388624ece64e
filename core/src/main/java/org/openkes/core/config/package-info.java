/**
 * The KES config file: reading it ({@link org.openkes.core.config.YamlSection}, {@link
 * org.openkes.core.config.MapSection}), the {@link org.openkes.core.config.Section} view that
 * keystore providers validate their own settings through, and the validated model of a whole
 * server config ({@link org.openkes.core.config.ServerConfig}, loaded by {@link
 * org.openkes.core.config.ServerConfigLoader}).
 *
 * <p>The contract is kes-compat.md §4 (with §1.4, §2.4–2.6, §5.7). A config that real KES v0.24
 * accepts loads here with the same meaning, with these deliberate differences:
 *
 * <ul>
 *   <li><b>Unknown fields are errors</b> ({@code config.yml:12: unknown field 'tls.cerf'}) at the
 *       top level and in every server section; KES ignores them. Inside {@code keystore} the
 *       providers decide. Unmatched {@code api.<path>} keys still load (KES ignores them) and are
 *       listed in {@link org.openkes.core.config.ServerConfig#warnings()}.
 *   <li><b>Cache defaults</b> are the intended 5m / 30s / 0, not the values KES's bug produces
 *       (§4.5, §10 Q5).
 *   <li><b>Booleans</b> also accept {@code true}/{@code false} as strings, so {@code ${VAR}} with
 *       {@code VAR=true} works (§10 item 9).
 *   <li><b>Policy checks and predefined key names</b> (§2.5, §4.8/Q10) are checked when the file
 *       is loaded, after KES's own config checks, instead of at server start; key names must be
 *       valid names.
 *   <li><b>Messages</b> keep KES's wording and are prefixed with {@code file:line:} (or {@code
 *       file:} when the field is missing), so that {@code kes migrate} errors say which of its
 *       two files is wrong. {@code tls.auth} errors print the value, not Go's wrapper struct.
 *   <li><b>{@code kes migrate}</b> reads only {@code version}, the top-level field names and
 *       {@code keystore}; admin and TLS need not be set (§8.5 weakness 8).
 *   <li>{@code ${VAR}}s inside {@code keystore} are looked up when the provider reads them, not
 *       while the file is decoded, so such an error comes after the server-level checks.
 * </ul>
 */
package org.openkes.core.config;
