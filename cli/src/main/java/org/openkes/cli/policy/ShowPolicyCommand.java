package org.openkes.cli.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.util.Optional;
import java.util.SortedSet;
import org.openkes.cli.Terminal;
import org.openkes.cli.client.CommandFailure;
import org.openkes.cli.client.Failures;
import org.openkes.cli.client.GoJson;
import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import org.openkes.client.PolicyDetails;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kes policy show <name>}: a policy's allow and deny rules. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show a policy's allow and deny rules.",
    footer = {"", "Examples:", "  kes policy show my-app", "  kes policy show --json my-app | jq .allow"})
final class ShowPolicyCommand extends PolicyCall {
  @Parameters(arity = "0..1", paramLabel = "<name>")
  String name;

  @Option(names = "--json", description = "Print the policy as JSON even on a terminal.")
  boolean json;

  @Override
  protected Optional<String> usageError() {
    return name == null ? Optional.of("no policy name specified. See 'kes policy show --help'") : Optional.empty();
  }

  @Override
  protected void run(KesClient kes, Terminal t) throws CommandFailure {
    PolicyDetails p;
    try {
      p = kes.readPolicy(name);
    } catch (KesException e) {
      throw Failures.of("failed to show policy \"" + name + "\"", "policy \"" + name + "\"", e);
    }
    if (json || !t.terminalMode()) {
      // KES's policy JSON: rules as objects of path -> {} (room for future per-rule settings).
      ObjectNode o = GoJson.object();
      rules(o, "allow", p.policy().allow());
      rules(o, "deny", p.policy().deny());
      o.put("created_at", GoJson.time(p.createdAt())).put("created_by", p.createdBy().value());
      t.out().println(t.terminalMode() ? GoJson.indented(o) : GoJson.compact(o));
      return;
    }
    StringBuilder s = new StringBuilder();
    bullets(s, "Allow:", p.policy().allow());
    bullets(s, "Deny:", p.policy().deny());
    s.append("Created at: ").append(PolicyInfoCommand.DATE.format(p.createdAt().atZone(ZoneId.systemDefault())))
        .append('\n');
    s.append("Created by: ").append(p.createdBy().value().isEmpty() ? "<unknown>" : p.createdBy().value())
        .append('\n');
    t.out().print(s);
  }

  private static void rules(ObjectNode o, String field, SortedSet<String> paths) {
    if (!paths.isEmpty()) {
      ObjectNode r = o.putObject(field);
      paths.forEach(path -> r.putObject(path));
    }
  }

  private static void bullets(StringBuilder s, String title, SortedSet<String> paths) {
    if (paths.isEmpty()) {
      return;
    }
    s.append(title).append('\n');
    paths.forEach(path -> s.append("  · ").append(path).append('\n'));
    s.append('\n');
  }
}
