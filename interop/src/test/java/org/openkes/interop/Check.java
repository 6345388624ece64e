package org.openkes.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/** How the answers of real KES and of ours to the same request must relate. */
@FunctionalInterface
interface Check {
  ObjectMapper JSON = new ObjectMapper();

  /** What differs between the two answers; empty when they agree as required. */
  List<String> differences(Answer real, Answer ours);

  /** Identical answers, byte for byte (but the {@code Date} header); refine with {@link Same#except}. */
  static Same same() {
    return new Same(Map.of(), Set.of());
  }

  /** Only the status and the Content-Type must agree (e.g. metrics, whose values are live). */
  static Check statusAndContentType() {
    return (real, ours) -> {
      if (!(real instanceof Answer.Response r) || !(ours instanceof Answer.Response o)) {
        return List.of("not both responses");
      }
      List<String> out = new ArrayList<>();
      if (r.status() != o.status()) {
        out.add("status " + r.status() + " vs " + o.status());
      }
      if (!Objects.equals(r.header("content-type"), o.header("content-type"))) {
        out.add("content-type " + r.header("content-type") + " vs " + o.header("content-type"));
      }
      return out;
    };
  }

  /**
   * A deliberate difference listed in docs/compatibility.md: each answer is checked against what
   * that server is documented to send.
   *
   * @param section the heading of docs/compatibility.md that lists the difference
   */
  static Check documented(String section, Expect real, Expect ours) {
    String where = " (documented in docs/compatibility.md, " + section + ")";
    return (r, o) -> {
      List<String> out = new ArrayList<>();
      real.problems(r).forEach(p -> out.add("real KES: " + p + where));
      ours.problems(o).forEach(p -> out.add("ours: " + p + where));
      return out;
    };
  }

  /** What one server's answer must be. */
  @FunctionalInterface
  interface Expect {
    List<String> problems(Answer answer);

    /** Exactly this status, Content-Type (null: no header) and body. */
    static Expect exactly(int status, String contentType, String body) {
      return a -> {
        if (!(a instanceof Answer.Response r)) {
          return List.of("expected an HTTP response, got " + a);
        }
        List<String> out = new ArrayList<>();
        if (r.status() != status) {
          out.add("status " + r.status() + ", expected " + status);
        }
        if (!Objects.equals(r.header("content-type"), contentType)) {
          out.add("content-type " + r.header("content-type") + ", expected " + contentType);
        }
        if (!r.body().equals(body)) {
          out.add("body " + r.body() + ", expected " + body);
        }
        return out;
      };
    }

    /** A KES error: {@code {"message":...}} with Go's newline before the brace (kes-compat.md §1.3). */
    static Expect error(int status, String message) {
      return exactly(status, "application/json", "{\"message\":\"" + message + "\"\n}");
    }

    /**
     * This status and a JSON body equal to {@code json} (member order aside), with the {@code
     * times} members any RFC 3339 timestamp.
     */
    static Expect json(int status, String json, String... times) {
      return a -> {
        if (!(a instanceof Answer.Response r) || r.status() != status
            || !"application/json".equals(r.header("content-type"))) {
          return List.of("expected " + status + " with JSON, got " + a);
        }
        try {
          ObjectNode got = (ObjectNode) JSON.readTree(r.body());
          ObjectNode want = (ObjectNode) JSON.readTree(json);
          for (String t : times) {
            if (!Shape.TIME.fits(got.path(t), got.path(t))) {
              return List.of(t + " is not a timestamp in " + got);
            }
            got.remove(t);
          }
          return got.equals(want) ? List.of() : List.of("body " + got + ", expected " + want);
        } catch (JsonProcessingException | ClassCastException e) {
          return List.of("body is not a JSON object: " + r.body());
        }
      };
    }

    /** A mux redirect with this status to {@code location}. */
    static Expect redirect(int status, String location) {
      return a -> a instanceof Answer.Response r && r.status() == status && location.equals(r.header("location"))
          ? List.of() : List.of("expected " + status + " to " + location + ", got " + a);
    }

    /** No status line at all within the wait. */
    static Expect silence() {
      return a -> a instanceof Answer.Silence ? List.of() : List.of("expected no answer, got " + a);
    }
  }

  /** How a value that must differ between the servers is compared instead: by its form. */
  enum Shape {
    /** RFC 3339 timestamps on both sides (creation and start times). */
    TIME {
      @Override
      boolean fits(JsonNode real, JsonNode ours) {
        return isTime(real) && isTime(ours);
      }
    },
    /** Base64 of the same number of bytes (random bytes, ciphertexts). */
    BASE64 {
      @Override
      boolean fits(JsonNode real, JsonNode ours) {
        int r = decodedLength(real);
        return r >= 0 && r == decodedLength(ours);
      }
    },
    /** Any string (version strings). */
    TEXT {
      @Override
      boolean fits(JsonNode real, JsonNode ours) {
        return real.isTextual() && ours.isTextual();
      }
    },
    /** Any non-negative integer (uptime, memory, latency). */
    COUNT {
      @Override
      boolean fits(JsonNode real, JsonNode ours) {
        return real.canConvertToExactIntegral() && ours.canConvertToExactIntegral()
            && real.asLong() >= 0 && ours.asLong() >= 0;
      }
    };

    abstract boolean fits(JsonNode real, JsonNode ours);

    private static boolean isTime(JsonNode n) {
      try {
        return n.isTextual() && OffsetDateTime.parse(n.asText()) != null;
      } catch (DateTimeParseException e) {
        return false;
      }
    }

    private static int decodedLength(JsonNode n) {
      try {
        return n.isTextual() ? Base64.getDecoder().decode(n.asText()).length : -1;
      } catch (IllegalArgumentException e) {
        return -1;
      }
    }
  }

  /**
   * Same status, headers and JSON body. Without exceptions the body must be byte-identical;
   * with them it is compared field by field: same names in the same order, same JSON types, equal
   * values except at the {@code shapes} paths ({@code a.b}, {@code names[]}).
   *
   * @param anyOrder the array paths whose element order is unspecified
   */
  record Same(Map<String, Shape> shapes, Set<String> anyOrder) implements Check {
    Same except(String path, Shape shape) {
      Map<String, Shape> s = new HashMap<>(shapes);
      s.put(path, shape);
      return new Same(Map.copyOf(s), anyOrder);
    }

    Same anyOrder(String arrayPath) {
      Set<String> s = new TreeSet<>(anyOrder);
      s.add(arrayPath);
      return new Same(shapes, Set.copyOf(s));
    }

    private boolean strict() {
      return shapes.isEmpty() && anyOrder.isEmpty();
    }

    @Override
    public List<String> differences(Answer real, Answer ours) {
      if (real instanceof Answer.Failure && ours instanceof Answer.Failure
          || real instanceof Answer.Silence && ours instanceof Answer.Silence) {
        return List.of();
      }
      if (!(real instanceof Answer.Response r) || !(ours instanceof Answer.Response o)) {
        return List.of("different kinds of answer");
      }
      List<String> out = new ArrayList<>();
      if (r.status() != o.status()) {
        out.add("status " + r.status() + " vs " + o.status());
      }
      compareHeaders(r, o, out);
      if (strict()) {
        if (!r.body().equals(o.body())) {
          out.add("body differs");
        }
      } else {
        compareJson(r.body(), o.body(), out);
      }
      return out;
    }

    private void compareHeaders(Answer.Response r, Answer.Response o, List<String> out) {
      Set<String> names = new TreeSet<>(r.headers().keySet());
      names.addAll(o.headers().keySet());
      names.remove("date");
      if (!strict()) {
        names.remove("content-length"); // follows the values that may differ
      }
      for (String name : names) {
        if (!Objects.equals(r.headers().get(name), o.headers().get(name))) {
          out.add("header " + name + ": " + r.headers().get(name) + " vs " + o.headers().get(name));
        }
      }
    }

    private void compareJson(String realBody, String oursBody, List<String> out) {
      try {
        compare("", JSON.readTree(realBody), JSON.readTree(oursBody), out);
      } catch (JsonProcessingException e) {
        out.add("body is not JSON on both sides: " + e.getOriginalMessage());
      }
    }

    private void compare(String path, JsonNode r, JsonNode o, List<String> out) {
      if (r.getNodeType() != o.getNodeType()) {
        out.add(at(path) + r.getNodeType() + " vs " + o.getNodeType());
      } else if (shapes.containsKey(path)) {
        if (!shapes.get(path).fits(r, o)) {
          out.add(at(path) + r + " and " + o + " are not both " + shapes.get(path));
        }
      } else if (r.isObject()) {
        compareObjects(path, r, o, out);
      } else if (r.isArray()) {
        compareArrays(path, r, o, out);
      } else if (!r.equals(o)) {
        out.add(at(path) + r + " vs " + o);
      }
    }

    private void compareObjects(String path, JsonNode r, JsonNode o, List<String> out) {
      List<String> rNames = fieldNames(r);
      if (!rNames.equals(fieldNames(o))) {
        out.add(at(path) + "fields " + rNames + " vs " + fieldNames(o));
        return;
      }
      for (String name : rNames) {
        compare(path.isEmpty() ? name : path + "." + name, r.get(name), o.get(name), out);
      }
    }

    private void compareArrays(String path, JsonNode r, JsonNode o, List<String> out) {
      if (r.size() != o.size()) {
        out.add(at(path) + r.size() + " elements vs " + o.size());
        return;
      }
      List<JsonNode> rs = elements(path, r);
      List<JsonNode> os = elements(path, o);
      for (int i = 0; i < rs.size(); i++) {
        compare(path + "[]", rs.get(i), os.get(i), out);
      }
    }

    private List<JsonNode> elements(String path, JsonNode array) {
      List<JsonNode> e = StreamSupport.stream(array.spliterator(), false).toList();
      return anyOrder.contains(path) ? e.stream().sorted(Comparator.comparing(JsonNode::toString)).toList() : e;
    }

    private static List<String> fieldNames(JsonNode n) {
      List<String> names = new ArrayList<>();
      n.fieldNames().forEachRemaining(names::add);
      return names;
    }

    private static String at(String path) {
      return (path.isEmpty() ? "body" : path) + ": ";
    }
  }
}
