package org.openkes.cli.client;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.openkes.core.codec.JsonTrees;

/**
 * JSON as Go's {@code encoding/json} writes it, so that our machine output is byte-compatible
 * with real KES: compact without spaces, or {@code MarshalIndent} with two spaces, {@code ": "}
 * and {@code {}} for empty objects; times as RFC 3339 with trailing fraction zeros dropped.
 */
public final class GoJson {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private GoJson() {}

  public static ObjectNode object() {
    return JsonTrees.object();
  }

  public static com.fasterxml.jackson.databind.node.ArrayNode array() {
    return JsonTrees.array();
  }

  /** Compact, as {@code json.Marshal}. */
  public static String compact(JsonNode node) {
    return JsonTrees.text(node, null);
  }

  /** Indented, as {@code json.MarshalIndent(v, "", "  ")}. */
  public static String indented(JsonNode node) {
    return JsonTrees.text(node, new GoPrettyPrinter());
  }

  /** Go's {@code time.Time} JSON form in UTC: {@code 2024-01-02T03:04:05.1Z}. */
  public static String time(Instant t) {
    String s = SECONDS.format(t);
    int nanos = t.getNano();
    if (nanos != 0) {
      String f = String.format("%09d", nanos).replaceAll("0+$", "");
      s += "." + f;
    }
    return s + "Z";
  }

  /** Jackson's pretty printer with Go's separators and without the space inside empty objects. */
  private static final class GoPrettyPrinter extends DefaultPrettyPrinter {
    GoPrettyPrinter() {
      super(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withObjectEmptySeparator("")
          .withArrayEmptySeparator(""));
      indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
      indentObjectsWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
    }

    GoPrettyPrinter(GoPrettyPrinter base) {
      super(base);
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
      return new GoPrettyPrinter(this);
    }
  }
}
