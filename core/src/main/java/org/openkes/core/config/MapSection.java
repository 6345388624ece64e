package org.openkes.core.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.openkes.core.codec.GoDuration;
import org.openkes.core.config.ConfigTree.Entry;
import org.openkes.core.config.ConfigTree.Kind;
import org.openkes.core.config.ConfigTree.Mapping;
import org.openkes.core.config.ConfigTree.Scalar;
import org.openkes.core.config.ConfigTree.Sequence;
import org.openkes.core.config.TreeSection.Origin;

/**
 * A {@link Section} built in code from nested maps, for tests and for configs made by the
 * program (such as {@code kes server --dev}). It reads exactly like a YAML section, including
 * {@code ${VAR}} substitution and Go duration/boolean rules; only line numbers are missing.
 *
 * <p>Values may be {@code null}, {@link String}, {@link Boolean}, integral and decimal numbers
 * (typed as YAML would type them: a number is not a duration), {@link Duration}, {@link Map} with
 * String keys (iteration order is kept) and {@link Collection}.
 */
public final class MapSection {
  private MapSection() {}

  /** A section with no source label, where every {@code ${VAR}} is unset. */
  public static Section of(Map<String, ?> map) {
    return of("", map, name -> null);
  }

  /**
   * A section whose errors start with {@code origin} (may be empty) and whose {@code ${VAR}}s
   * come from {@code env} (null = unset).
   *
   * @throws IllegalArgumentException if the map holds a value of another type
   */
  public static Section of(String origin, Map<String, ?> map, Function<String, String> env) {
    return tree(origin, map, env);
  }

  static TreeSection tree(String origin, Map<String, ?> map, Function<String, String> env) {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(env, "env");
    return new TreeSection(new Origin(origin, false), "", mapping(map, ""), 0, env);
  }

  private static Mapping mapping(Map<?, ?> map, String path) {
    List<Entry> entries = new ArrayList<>(map.size());
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException("config key at '" + path + "' is not a String");
      }
      String childPath = path.isEmpty() ? key : path + "." + key;
      entries.add(new Entry(key, 0, node(e.getValue(), childPath)));
    }
    return new Mapping(entries, 0);
  }

  private static ConfigTree.Node node(Object v, String path) {
    return switch (v) {
      case null -> new Scalar("", Kind.NULL, 0);
      case String s -> new Scalar(s, Kind.STRING, 0);
      case Boolean b -> new Scalar(b.toString(), Kind.BOOL, 0);
      case Integer i -> new Scalar(i.toString(), Kind.INT, 0);
      case Long l -> new Scalar(l.toString(), Kind.INT, 0);
      case Short s -> new Scalar(s.toString(), Kind.INT, 0);
      case Byte b -> new Scalar(b.toString(), Kind.INT, 0);
      case BigInteger b -> new Scalar(b.toString(), Kind.INT, 0);
      case Double d -> new Scalar(d.toString(), Kind.FLOAT, 0);
      case Float f -> new Scalar(f.toString(), Kind.FLOAT, 0);
      case BigDecimal d -> new Scalar(d.toString(), Kind.FLOAT, 0);
      // Go's format is lossless for any int64 nanoseconds, so it parses back to the same value.
      case Duration d -> new Scalar(GoDuration.format(d), Kind.STRING, 0);
      case Map<?, ?> m -> mapping(m, path);
      case Collection<?> c -> {
        List<ConfigTree.Node> items = new ArrayList<>(c.size());
        for (Object item : c) {
          items.add(node(item, path + "[" + items.size() + "]"));
        }
        yield new Sequence(items, 0);
      }
      default ->
          throw new IllegalArgumentException(
              "config value at '" + path + "' has unsupported type " + v.getClass().getName());
    };
  }
}
