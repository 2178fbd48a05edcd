package org.edgenas.device;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A remote shell command built from a fixed template: each {@code {}} in the template is replaced by
 * one argument in single quotes, so no argument can change the command's shape. {@link #wrapped}
 * adds the device-side kill: {@code timeout -s KILL N sh -c '...'}.
 *
 * <p>{@link #toString()} shows the template only; arguments (paths, names) never reach logs.
 */
public final class RemoteCommand {
  private final String template;
  private final List<String> args;

  private RemoteCommand(String template, List<String> args) {
    this.template = template;
    this.args = args;
  }

  /** {@code template} with one {@code {}} per argument. */
  public static RemoteCommand of(String template, String... args) {
    int holes = countHoles(template);
    if (holes != args.length) {
      throw new IllegalArgumentException("template has " + holes + " placeholders {} but "
          + args.length + " arguments were given: " + template);
    }
    List<String> list = new ArrayList<>();
    for (String a : args) {
      if (a == null || a.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("a remote command argument must not be null or contain NUL bytes");
      }
      list.add(a);
    }
    return new RemoteCommand(template, List.copyOf(list));
  }

  /** {@code s} in single quotes, safe as one word for any POSIX shell. */
  public static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** The command line with the arguments quoted in. */
  public String render() {
    StringBuilder out = new StringBuilder();
    int argIndex = 0;
    for (int i = 0; i < template.length(); i++) {
      if (template.startsWith("{}", i)) {
        out.append(quote(args.get(argIndex++)));
        i++;
      } else {
        out.append(template.charAt(i));
      }
    }
    return out.toString();
  }

  /** {@code timeout -s KILL N sh -c '<render()>'}, N = the deadline in whole seconds, rounded up. */
  public String wrapped(Duration deadline) {
    return "timeout -s KILL " + Deadlines.remoteSeconds(deadline) + " sh -c " + quote(render());
  }

  public String template() {
    return template;
  }

  /** The template alone (for logs and messages). */
  @Override
  public String toString() {
    return template.length() > 60 ? template.substring(0, 60).strip() + "..." : template;
  }

  private static int countHoles(String template) {
    int n = 0;
    for (int i = template.indexOf("{}"); i >= 0; i = template.indexOf("{}", i + 2)) n++;
    return n;
  }
}
