package org.openkes.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The list responses of KES before v0.23: {@code application/x-ndjson}, one object per line
 * with the name (or identity) and, on failure, an {@code error} (kes-compat.md §1.7). The SDK
 * still reads them; so do we.
 */
final class LegacyListing {
  private LegacyListing() {}

  static Page<String> read(byte[] body, String field, boolean sort, String source) throws KesException {
    List<String> names = new ArrayList<>();
    for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = Json.parse(line.getBytes(StandardCharsets.UTF_8), source);
      Fields f = Fields.of(n, source);
      String error = f.string("error");
      if (!error.isEmpty()) {
        throw new ResponseFormatException("kes: listing from " + source + " failed: " + error);
      }
      names.add(f.string(field));
    }
    if (sort) {
      names.sort(null);
    }
    return new Page<>(names, "");
  }
}
