package org.openkes.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.openkes.core.config.ConfigTree.Entry;
import org.openkes.core.config.ConfigTree.Kind;
import org.openkes.core.config.ConfigTree.Mapping;
import org.openkes.core.config.ConfigTree.Scalar;
import org.openkes.core.config.ConfigTree.Sequence;
import org.openkes.core.config.TreeSection.Origin;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.YamlUnicodeReader;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a YAML config file into a root {@link Section} whose errors name the file and line.
 *
 * <p>Like KES (Go {@code yaml.v3}): YAML 1.2 core schema, only the first document is read, the
 * root must be a mapping, merge keys ({@code <<}) work, duplicate keys are an error. We use
 * SnakeYAML Engine's node graph (not its object construction) so every value keeps its line.
 */
public final class YamlSection {
  private YamlSection() {}

  private static final String MERGE_KEY = "<<";

  /** Reads {@code file}; {@code env} looks up {@code ${VAR}}s and returns null when unset. */
  public static Section read(Path file, Function<String, String> env) throws ConfigException {
    return readTree(file, env);
  }

  /** Parses {@code yaml}; {@code name} is what errors call the source, e.g. a file name. */
  public static Section parse(String name, String yaml, Function<String, String> env)
      throws ConfigException {
    return parseTree(name, new StringReader(yaml), env);
  }

  static TreeSection readTree(Path file, Function<String, String> env) throws ConfigException {
    String name = file.toString();
    try (InputStream in = Files.newInputStream(file)) {
      // YamlUnicodeReader honours a UTF-8/UTF-16 byte-order mark, as yaml.v3 does.
      return parseTree(name, new YamlUnicodeReader(in), env);
    } catch (NoSuchFileException e) {
      throw new ConfigException("open " + name + ": no such file or directory", e);
    } catch (AccessDeniedException e) {
      throw new ConfigException("open " + name + ": permission denied", e);
    } catch (IOException e) {
      throw new ConfigException("read " + name + ": " + e.getMessage(), e);
    }
  }

  static TreeSection parseTree(String name, Reader reader, Function<String, String> env)
      throws ConfigException {
    Objects.requireNonNull(env, "env");
    Origin origin = new Origin(name, true);
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(name)
            .setSchema(new CoreSchema())
            .setAllowDuplicateKeys(true) // we report duplicates ourselves, with both lines
            .build();
    Node root;
    try {
      // Only the first document: later ones are not even parsed, like yaml.v3's Decode.
      Iterator<Node> docs = new Compose(settings).composeAllFromReader(reader).iterator();
      root = docs.hasNext() ? docs.next() : null;
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
      String problem = e.getProblem() == null ? e.getContext() : e.getProblem();
      throw new ConfigException(
          origin.error(line, "invalid YAML: " + problem.strip()).getMessage(), e);
    } catch (YamlEngineException e) {
      String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
      throw new ConfigException(origin.error(0, "invalid YAML: " + why).getMessage(), e);
    }
    if (root == null || (root instanceof ScalarNode s && s.getTag().equals(Tag.NULL))) {
      throw origin.error(0, "the config file is empty");
    }
    ConfigTree.Node tree = new Converter(origin).convert(root, "");
    if (!(tree instanceof Mapping m)) {
      throw origin.error(
          tree.line(),
          "the config file must be a mapping of fields (such as 'address: ...'), not "
              + tree.describe());
    }
    return new TreeSection(origin, "", m, 0, env);
  }

  /** SnakeYAML nodes to {@link ConfigTree}, checking keys and guarding against alias cycles. */
  private static final class Converter {
    private final Origin origin;
    private final IdentityHashMap<Node, Boolean> active = new IdentityHashMap<>();

    Converter(Origin origin) {
      this.origin = origin;
    }

    ConfigTree.Node convert(Node n, String path) throws ConfigException {
      int line = line(n.getStartMark().orElse(null));
      if (n instanceof ScalarNode s) {
        return new Scalar(s.getValue(), kind(s.getTag()), line);
      }
      if (active.put(n, Boolean.TRUE) != null) {
        throw origin.error(line, "'" + path + "' refers to itself through a YAML alias");
      }
      try {
        if (n instanceof SequenceNode seq) {
          List<ConfigTree.Node> items = new ArrayList<>();
          for (Node item : seq.getValue()) {
            items.add(convert(item, path + "[" + items.size() + "]"));
          }
          return new Sequence(items, line);
        }
        return convertMapping((MappingNode) n, path, line);
      } finally {
        active.remove(n);
      }
    }

    private Mapping convertMapping(MappingNode m, String path, int line) throws ConfigException {
      List<Entry> entries = new ArrayList<>();
      Map<String, Integer> seen = new HashMap<>();
      List<Mapping> merged = new ArrayList<>();
      for (NodeTuple t : m.getValue()) {
        Node k = t.getKeyNode();
        int keyLine = line(k.getStartMark().orElse(null));
        if (!(k instanceof ScalarNode ks)) {
          throw origin.error(keyLine, "field names must be plain text, not a mapping or list");
        }
        String key = ks.getValue();
        String childPath = path.isEmpty() ? key : path + "." + key;
        if (key.equals(MERGE_KEY) && ks.isPlain()) {
          merged.addAll(mergeSources(t.getValueNode(), childPath));
          continue;
        }
        Integer first = seen.putIfAbsent(key, keyLine);
        if (first != null) {
          throw origin.error(
              keyLine, "duplicate field '" + childPath + "' (first defined at line " + first + ")");
        }
        entries.add(new Entry(key, keyLine, convert(t.getValueNode(), childPath)));
      }
      // Merge keys: explicit fields win, then earlier merge sources over later ones.
      for (Mapping source : merged) {
        for (Entry e : source.entries()) {
          if (seen.putIfAbsent(e.key(), e.keyLine()) == null) {
            entries.add(e);
          }
        }
      }
      return new Mapping(entries, line);
    }

    private List<Mapping> mergeSources(Node value, String path) throws ConfigException {
      ConfigTree.Node v = convert(value, path);
      List<Mapping> out = new ArrayList<>();
      if (v instanceof Mapping mm) {
        out.add(mm);
      } else if (v instanceof Sequence seq && seq.items().stream().allMatch(Mapping.class::isInstance)) {
        seq.items().forEach(item -> out.add((Mapping) item));
      } else {
        throw origin.error(v.line(), "a merge key '<<' needs a mapping or a list of mappings");
      }
      return out;
    }

    private static int line(Mark m) {
      return m == null ? 0 : m.getLine() + 1;
    }

    private static Kind kind(Tag tag) {
      if (tag.equals(Tag.NULL)) {
        return Kind.NULL;
      } else if (tag.equals(Tag.BOOL)) {
        return Kind.BOOL;
      } else if (tag.equals(Tag.INT)) {
        return Kind.INT;
      } else if (tag.equals(Tag.FLOAT)) {
        return Kind.FLOAT;
      }
      // !!str, quoted scalars, SnakeYAML's own ${VAR} tag (we substitute ourselves), custom tags
      return Kind.STRING;
    }
  }
}
