package org.openkes.cli.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.openkes.cli.Terminal;
import org.openkes.client.KesException;
import org.openkes.client.Page;

/**
 * Listing output shared by {@code kes ls}, {@code key ls}, {@code policy ls} and {@code identity
 * ls}: names sorted; {@code --json} one JSON array line ({@code null} when empty, as Go encodes a
 * nil slice); otherwise a header and one name per line, nothing at all when empty. Real KES
 * prints the table after the JSON too (a bug we do not copy).
 */
public final class NameList {
  private static final String UNDERLINE = "\u001b[4m";
  private static final String RESET = "\u001b[0m";

  private NameList() {}

  /** A page source: the names for a prefix, a page at a time. */
  @FunctionalInterface
  public interface Lister {
    Page<String> list(String prefix) throws KesException;
  }

  /**
   * Every name under the prefix. The server pages at its limit and says where to continue; like
   * the SDK we ask again from there, keeping only names still under the original prefix.
   */
  public static List<String> all(Lister lister, String prefix) throws KesException {
    TreeSet<String> names = new TreeSet<>();
    String bare = prefix.endsWith("*") ? prefix.substring(0, prefix.length() - 1) : prefix;
    Page<String> page = lister.list(prefix);
    names.addAll(page.items());
    while (page.hasMore()) {
      page = lister.list(page.continueAt());
      int before = names.size();
      page.items().stream().filter(n -> n.startsWith(bare)).forEach(names::add);
      if (names.size() == before) {
        break; // no progress: never loop on a server that repeats itself
      }
    }
    return new ArrayList<>(names);
  }

  public static void print(Terminal t, String header, List<String> names, boolean json) {
    if (json) {
      if (names.isEmpty()) {
        t.out().println("null");
      } else {
        ArrayNode a = GoJson.array();
        names.forEach(a::add);
        t.out().println(GoJson.compact(a));
      }
      return;
    }
    if (names.isEmpty()) {
      return;
    }
    t.out().println(t.terminalMode() ? UNDERLINE + header + RESET : header);
    names.forEach(t.out()::println);
  }
}
