package org.openkes.core.config;

import java.util.List;

/**
 * The parsed shape of a config document, independent of where it came from (a YAML file or Java
 * maps built in code), so that one {@link Section} implementation serves both. Lines are 1-based;
 * 0 means "not known" (sections built in code).
 */
final class ConfigTree {
  private ConfigTree() {}

  /** How YAML resolved a plain scalar; matters for durations and booleans (§4.1). */
  enum Kind {
    NULL,
    BOOL,
    INT,
    FLOAT,
    STRING
  }

  sealed interface Node permits Mapping, Sequence, Scalar {
    int line();

    /** For messages: "a mapping", "a list", "a value". */
    String describe();
  }

  /** A mapping with keys in file order; keys are unique (checked while building). */
  record Mapping(List<Entry> entries, int line) implements Node {
    Mapping {
      entries = List.copyOf(entries);
    }

    Entry get(String key) {
      for (Entry e : entries) {
        if (e.key().equals(key)) {
          return e;
        }
      }
      return null;
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  record Entry(String key, int keyLine, Node value) {}

  record Sequence(List<Node> items, int line) implements Node {
    Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /** A scalar: its text exactly as written (after YAML unquoting) and how YAML typed it. */
  record Scalar(String text, Kind kind, int line) implements Node {
    @Override
    public String describe() {
      return kind == Kind.NULL ? "null" : "a single value";
    }
  }
}
