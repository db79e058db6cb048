package io.keydesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/** Every command and subcommand answers --help with its usage and exit code 0. */
class HelpOnEveryCommandTest {

  @TestFactory
  List<DynamicTest> everyCommandHasHelp() {
    List<DynamicTest> tests = new ArrayList<>();
    collect(KeyDeskCommand.newCommandLine(), new ArrayList<>(), tests);
    assertThat(tests).hasSizeGreaterThan(20);
    return tests;
  }

  private static void collect(CommandLine command, List<String> path, List<DynamicTest> tests) {
    if (!path.isEmpty() && path.get(path.size() - 1).equals("help")) {
      return;
    }
    List<String> args = new ArrayList<>(path);
    args.add("--help");
    tests.add(
        DynamicTest.dynamicTest(
            String.join(" ", args),
            () -> {
              CommandLine fresh = KeyDeskCommand.newCommandLine();
              StringWriter out = new StringWriter();
              fresh.setOut(new PrintWriter(out, true));
              fresh.setErr(new PrintWriter(new StringWriter(), true));
              assertThat(fresh.execute(args.toArray(String[]::new))).isZero();
              assertThat(out.toString()).startsWith("Usage: keydesk");
            }));
    command
        .getSubcommands()
        .forEach(
            (name, sub) -> {
              if (sub.getCommandName().equals(name)) {
                List<String> next = new ArrayList<>(path);
                next.add(name);
                collect(sub, next, tests);
              }
            });
  }
}
