package org.openkes.cli.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.SortedSet;
import org.openkes.cli.Terminal;
import org.openkes.cli.client.ClientContext;
import org.openkes.cli.client.CommandFailure;
import org.openkes.cli.client.Failures;
import org.openkes.cli.client.GoJson;
import org.openkes.cli.client.ServerCall;
import org.openkes.client.IdentityInfo;
import org.openkes.client.KesClient;
import org.openkes.client.KesException;
import org.openkes.client.SelfDescription;
import org.openkes.core.identity.Identity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kes identity info [<identity>]}: without an argument the caller as the server sees it
 * (with its policy's rules), with one that identity's role and policy.
 */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "Describe an identity on the server; without an argument, your own.",
    footer = {"", "Examples:", "  kes identity info",
      "  kes identity info 3ecfcdf38fcbe141ae26a1030f81e96b753365a46760ae6b578698a97c59fd22"})
final class IdentityInfoCommand extends ServerCall {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @ParentCommand IdentityCommand parent;

  @Parameters(arity = "0..1", paramLabel = "<identity>")
  String identity;

  @Option(names = "--json", description = "Print the description as JSON (real KES ignores this flag).")
  boolean json;

  @Option(names = "--color", paramLabel = "auto|never|always", hidden = true, description = "Accepted for compatibility.")
  String color;

  @Override
  protected ClientContext context() {
    return parent.clientContext();
  }

  @Override
  protected void run(KesClient kes, Terminal t) throws CommandFailure {
    if (identity == null) {
      SelfDescription self;
      try {
        self = kes.describeSelf();
      } catch (KesException e) {
        throw Failures.of("failed to describe identity " + kes.identity().value(),
            "identity " + kes.identity().value(), e);
      }
      print(t, self.info(), self.allow(), self.deny());
      return;
    }
    IdentityInfo info;
    try {
      info = kes.describeIdentity(Identity.of(identity));
    } catch (KesException e) {
      throw Failures.of("failed to describe identity " + identity, "identity " + identity, e);
    }
    print(t, info, null, null);
  }

  private void print(Terminal t, IdentityInfo info, SortedSet<String> allow, SortedSet<String> deny) {
    if (json) {
      ObjectNode o = GoJson.object().put("identity", info.identity().value());
      if (!info.policy().isEmpty()) {
        o.put("policy", info.policy());
      }
      o.put("admin", info.admin())
          .put("created_at", GoJson.time(info.createdAt()))
          .put("created_by", info.createdBy().value());
      if (allow != null && !info.admin()) {
        allow.forEach(o.putArray("allow")::add);
        deny.forEach(o.putArray("deny")::add);
      }
      t.out().println(GoJson.compact(o));
      return;
    }
    StringBuilder s = new StringBuilder();
    line(s, "Identity", info.identity().value());
    if (!info.policy().isEmpty()) {
      line(s, "Policy", info.policy());
    }
    line(s, "Created At", DATE.format(info.createdAt().atZone(ZoneId.systemDefault())));
    line(s, "Role", info.admin() ? "Admin" : "User");
    line(s, "Created By", info.createdBy().value().isEmpty() ? "<unknown>" : info.createdBy().value());
    if (allow != null && !info.admin()) {
      s.append("\nAllow:\n");
      allow.forEach(p -> s.append(" · ").append(p).append('\n'));
      s.append("\nDeny:\n");
      deny.forEach(p -> s.append(" · ").append(p).append('\n'));
    }
    t.out().print(s);
  }

  private static void line(StringBuilder s, String label, String value) {
    s.append(String.format("%-12s", label)).append(value).append('\n');
  }
}
