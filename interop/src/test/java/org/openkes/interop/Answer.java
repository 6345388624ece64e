package org.openkes.interop;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What a server did with one request, as the differential test compares it. */
sealed interface Answer {
  /**
   * An HTTP response.
   *
   * @param headers lower-case names, in sorted order
   * @param body the body as UTF-8 text (every KES body is text); empty for streams
   */
  record Response(int status, Map<String, List<String>> headers, String body) implements Answer {
    public Response {
      TreeMap<String, List<String>> lower = new TreeMap<>();
      headers.forEach((k, v) -> lower.merge(k.toLowerCase(Locale.ROOT), List.copyOf(v),
          (a, b) -> Stream.concat(a.stream(), b.stream()).toList()));
      headers = Collections.unmodifiableMap(lower);
    }

    /** The first value of a header, or null. */
    String header(String name) {
      List<String> v = headers.get(name);
      return v == null || v.isEmpty() ? null : v.getFirst();
    }
  }

  /** Not even a status line within the wait (real KES's log streams, see compatibility.md). */
  record Silence() implements Answer {}

  /** The connection or handshake failed; the text is for failure messages only. */
  record Failure(String reason) implements Answer {}
}
