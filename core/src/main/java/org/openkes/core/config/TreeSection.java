package org.openkes.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.openkes.core.config.ConfigTree.Entry;
import org.openkes.core.config.ConfigTree.Kind;
import org.openkes.core.config.ConfigTree.Mapping;
import org.openkes.core.config.ConfigTree.Node;
import org.openkes.core.config.ConfigTree.Scalar;
import org.openkes.core.config.ConfigTree.Sequence;

/**
 * The one {@link Section} implementation, over a {@link ConfigTree}. {@link YamlSection} and
 * {@link MapSection} only build the tree; reading, env substitution and error messages are the
 * same for both, except that YAML trees know their line numbers.
 *
 * <p>Values are converted when asked for, not up front: a keystore provider's fields are only
 * checked (and their {@code ${VAR}}s only looked up) by the provider that owns them.
 */
final class TreeSection implements Section {
  /** Where a tree came from: a file name (with line numbers) or a label for code-built config. */
  record Origin(String name, boolean hasLines) {
    ConfigException error(int line, String message) {
      String where = hasLines && line > 0 ? name + ":" + line : name;
      return new ConfigException(where.isEmpty() ? message : where + ": " + message);
    }
  }

  /** An entry reached by a (possibly dotted) key, with its full path from the root. */
  private record Found(Entry entry, String path) {}

  private final Origin origin;
  private final String path;
  private final Mapping node;
  private final int line;
  private final Function<String, String> env;

  TreeSection(Origin origin, String path, Mapping node, int line, Function<String, String> env) {
    this.origin = origin;
    this.path = path;
    this.node = node;
    this.line = line;
    this.env = env;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public Set<String> keys() {
    LinkedHashSet<String> keys = new LinkedHashSet<>();
    for (Entry e : node.entries()) {
      keys.add(e.key());
    }
    return Collections.unmodifiableSequencedSet(keys);
  }

  @Override
  public boolean has(String key) {
    return find(key) != null;
  }

  @Override
  public Optional<Section> section(String key) throws ConfigException {
    return mapping(key).map(s -> s);
  }

  /** Like {@link #section} but typed, for the loader. */
  Optional<TreeSection> mapping(String key) throws ConfigException {
    Found f = find(key);
    if (f == null || isNull(f.entry().value())) {
      return Optional.empty();
    }
    if (f.entry().value() instanceof Mapping m) {
      return Optional.of(new TreeSection(origin, f.path(), m, f.entry().keyLine(), env));
    }
    throw shapeError(f, "a mapping");
  }

  @Override
  public Optional<String> string(String key) throws ConfigException {
    return scalar(key).map(Scalar::text);
  }

  @Override
  public Optional<Duration> duration(String key) throws ConfigException {
    Found f = find(key);
    Optional<Scalar> s = scalar(f);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Scalars.toDuration(s.get()));
    } catch (IllegalArgumentException e) {
      throw origin.error(
          s.get().line(), "'" + f.path() + "' is not a valid duration: " + e.getMessage());
    }
  }

  @Override
  public Optional<Boolean> bool(String key) throws ConfigException {
    Found f = find(key);
    Optional<Scalar> s = scalar(f);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Scalars.toBool(s.get()));
    } catch (IllegalArgumentException e) {
      throw origin.error(
          s.get().line(), "'" + f.path() + "' is not a valid boolean: " + e.getMessage());
    }
  }

  @Override
  public List<String> strings(String key) throws ConfigException {
    return list(key, true);
  }

  /** A list of scalars taken literally, without env substitution (policy allow/deny, §4.1). */
  List<String> rawStrings(String key) throws ConfigException {
    return list(key, false);
  }

  /**
   * A list of mappings, such as {@code keys: [{name: a}]}. A null item is an empty mapping (Go
   * decodes it to the zero value).
   */
  List<TreeSection> mappings(String key) throws ConfigException {
    Found f = find(key);
    if (f == null || isNull(f.entry().value())) {
      return List.of();
    }
    if (!(f.entry().value() instanceof Sequence seq)) {
      throw shapeError(f, "a list");
    }
    List<TreeSection> out = new ArrayList<>(seq.items().size());
    for (int i = 0; i < seq.items().size(); i++) {
      Node item = seq.items().get(i);
      String itemPath = f.path() + "[" + i + "]";
      if (item instanceof Mapping m) {
        out.add(new TreeSection(origin, itemPath, m, item.line(), env));
      } else if (isNull(item)) {
        out.add(new TreeSection(origin, itemPath, new Mapping(List.of(), 0), item.line(), env));
      } else {
        throw origin.error(
            item.line(), "'" + itemPath + "' must be a mapping, not " + item.describe());
      }
    }
    return out;
  }

  /**
   * The scalar text of a direct child exactly as written, with no env substitution and
   * whatever its YAML type; empty if absent. Used for {@code version}, which KES reads raw.
   */
  Optional<String> rawScalar(String key) {
    Entry e = node.get(key);
    if (e != null && e.value() instanceof Scalar s) {
      return Optional.of(s.text());
    }
    return Optional.empty();
  }

  /** Whether a direct child exists and is not a scalar. */
  boolean isCollection(String key) {
    Entry e = node.get(key);
    return e != null && !(e.value() instanceof Scalar);
  }

  /** The line of a direct child's value, or 0. */
  int valueLine(String key) {
    Found f = find(key);
    return f == null ? 0 : f.entry().value().line();
  }

  /** The dotted path of a child key. */
  String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  @Override
  public ConfigException error(String key, String message) {
    return origin.error(nearestLine(node, line, key), message);
  }

  /** An error located at the value of {@code key} (where it differs from the key's line). */
  ConfigException valueError(String key, String message) {
    Found f = find(key);
    return f == null ? error(key, message) : origin.error(f.entry().value().line(), message);
  }

  /** An error located at item {@code index} of the list {@code key}. */
  ConfigException itemError(String key, int index, String message) {
    Found f = find(key);
    if (f != null
        && f.entry().value() instanceof Sequence seq
        && index >= 0
        && index < seq.items().size()) {
      return origin.error(seq.items().get(index).line(), message);
    }
    return error(key, message);
  }

  @Override
  public String toString() {
    // Never the values: they may be credentials.
    return "Section[" + (path.isEmpty() ? "<root>" : path) + "]";
  }

  private Optional<Scalar> scalar(String key) throws ConfigException {
    return scalar(find(key));
  }

  private Optional<Scalar> scalar(Found f) throws ConfigException {
    if (f == null || isNull(f.entry().value())) {
      return Optional.empty();
    }
    if (!(f.entry().value() instanceof Scalar s)) {
      throw shapeError(f, "a single value");
    }
    return Optional.of(substitute(s, f.path()));
  }

  private List<String> list(String key, boolean substitute) throws ConfigException {
    Found f = find(key);
    if (f == null || isNull(f.entry().value())) {
      return List.of();
    }
    if (!(f.entry().value() instanceof Sequence seq)) {
      throw shapeError(f, "a list");
    }
    List<String> out = new ArrayList<>(seq.items().size());
    for (int i = 0; i < seq.items().size(); i++) {
      Node item = seq.items().get(i);
      String itemPath = f.path() + "[" + i + "]";
      if (isNull(item)) {
        out.add(""); // Go decodes a null item to the zero value
      } else if (item instanceof Scalar s) {
        out.add(substitute ? substitute(s, itemPath).text() : s.text());
      } else {
        throw origin.error(
            item.line(), "'" + itemPath + "' must be a single value, not " + item.describe());
      }
    }
    return List.copyOf(out);
  }

  /** Replaces a whole-value {@code ${NAME}} reference by the variable's value (§4.1). */
  private Scalar substitute(Scalar s, String valuePath) throws ConfigException {
    Optional<String> name = Scalars.envReference(s.text());
    if (name.isEmpty()) {
      return s;
    }
    String value = env.apply(name.get());
    if (value == null) {
      if (origin.hasLines() && s.line() > 0) {
        throw origin.error(
            s.line(),
            "kesconf: referenced env. variable '"
                + name.get()
                + "' in line '"
                + s.line()
                + "' not found");
      }
      throw origin.error(
          0,
          "kesconf: referenced env. variable '" + name.get() + "' in '" + valuePath + "' not found");
    }
    // The value is then typed "as a YAML string": durations parse it, booleans need a word.
    return new Scalar(value, Kind.STRING, s.line());
  }

  private ConfigException shapeError(Found f, String expected) {
    Node v = f.entry().value();
    return origin.error(
        v.line() > 0 ? v.line() : f.entry().keyLine(),
        "'" + f.path() + "' must be " + expected + ", not " + v.describe());
  }

  private static boolean isNull(Node n) {
    return n instanceof Scalar s && s.kind() == Kind.NULL;
  }

  private Found find(String key) {
    return lookup(node, path, key);
  }

  /**
   * Finds {@code key} in {@code m}: an exact key first (so a name containing a dot still
   * works), else the dotted path into nested mappings.
   */
  private static Found lookup(Mapping m, String prefix, String key) {
    Entry e = m.get(key);
    if (e != null) {
      return new Found(e, join(prefix, key));
    }
    for (int dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) {
      Entry parent = m.get(key.substring(0, dot));
      if (parent != null && parent.value() instanceof Mapping child) {
        Found f = lookup(child, join(prefix, parent.key()), key.substring(dot + 1));
        if (f != null) {
          return f;
        }
      }
    }
    return null;
  }

  /** The line of {@code key}, or of its deepest existing ancestor, or {@code fallback}. */
  private static int nearestLine(Mapping m, int fallback, String key) {
    Entry e = m.get(key);
    if (e != null) {
      return e.keyLine();
    }
    int best = fallback;
    for (int dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) {
      Entry parent = m.get(key.substring(0, dot));
      if (parent != null) {
        return parent.value() instanceof Mapping child
            ? nearestLine(child, parent.keyLine(), key.substring(dot + 1))
            : parent.keyLine();
      }
    }
    return best;
  }

  private static String join(String prefix, String key) {
    return prefix.isEmpty() ? key : prefix + "." + key;
  }
}
