package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The help a newcomer reads, and what an unknown command gets. */
class CommandLineHelpTest {
  @Test
  void everyCommandsOneLineSummaryIsAWholeSentence() {
    List<String> bad = new ArrayList<>();
    List<CommandLine> all = new ArrayList<>();
    collect(Commands.build(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), all);
    assertTrue(all.size() > 15, "commands found: " + all.size());
    for (CommandLine c : all) {
      var usage = c.getCommandSpec().usageMessage(); // picocli lists a command by its header, else its description
      String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
      String summary = lines.length == 0 ? "" : lines[0].strip();
      boolean whole = !summary.isEmpty() && Character.isUpperCase(summary.charAt(0)) && summary.endsWith(".")
          && count(summary, '(') == count(summary, ')') && count(summary, '[') == count(summary, ']');
      if (!whole) bad.add(c.getCommandSpec().qualifiedName() + ": \"" + summary + "\"");
    }
    assertEquals(List.of(), bad, "summaries that stop mid-sentence");
  }

  @Test
  void theTopLevelHelpListsEveryCommandWithItsSummary() {
    String help = MainTest.runCapture(0, "--help")[0];
    for (String name : List.of("search", "resume", "export", "report", "inspect", "train", "eval", "bench", "devices", "dataset")) {
      assertTrue(help.contains("  " + name + " "), name + " in\n" + help);
    }
    assertFalse(help.contains(" prune and fine-tune\n"), help);
  }

  @Test
  void anUnknownCommandIsAUsageErrorThatNamesIt() {
    for (String[] args : List.of(new String[] {"workr", "--help"}, new String[] {"workr"}, new String[] {"foo", "search"},
        new String[] {"-v", "foo", "--version"})) {
      String[] outErr = MainTest.runCapture(2, args);
      assertTrue(outErr[1].contains("unknown command '" + (args[0].equals("-v") ? args[1] : args[0]) + "'"), outErr[1]);
      assertTrue(outErr[1].contains("search"), "lists the commands: " + outErr[1]);
      assertEquals("", outErr[0], "no help printed for an unknown command");
    }
  }

  @Test
  void anUnknownSubcommandIsNamedWithItsParent() {
    String err = MainTest.runCapture(2, "devices", "frobnicate", "--help")[1];
    assertTrue(err.contains("edgenas devices: unknown command 'frobnicate'"), err);
    assertTrue(err.contains("list"), err);
  }

  @Test
  void knownCommandsStillTakeHelpAndArguments() {
    assertTrue(MainTest.runCapture(0, "search", "--help")[0].contains("RECIPE.yaml"));
    assertTrue(MainTest.runCapture(0, "devices", "list", "--help")[0].contains("List the registered devices."));
    assertTrue(MainTest.runCapture(0, "help", "export")[0].contains("Export the Pareto-front models"));
  }

  private static void collect(CommandLine c, List<CommandLine> out) {
    out.add(c);
    c.getSubcommands().values().stream().distinct().forEach(s -> collect(s, out));
  }

  private static long count(String s, char ch) {
    return s.chars().filter(x -> x == ch).count();
  }
}
