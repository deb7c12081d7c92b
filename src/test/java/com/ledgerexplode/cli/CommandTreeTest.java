package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The command line built with only the command it runs says exactly what the whole tree says: the
 * same help, version, messages and exit codes, for every command and nested command.
 */
class CommandTreeTest {
  record Said(int exitCode, String out, String err) {}

  /** What these arguments make the command line say, built for them or with every command. */
  private static Said said(boolean forTheArguments, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter outWriter = new PrintWriter(out, true);
    PrintWriter errWriter = new PrintWriter(err, true);
    CommandLine cli =
        forTheArguments
            ? Main.commandLine(outWriter, errWriter, args)
            : Main.commandLine(outWriter, errWriter);
    int code = cli.execute(args);
    return new Said(code, out.toString(), err.toString());
  }

  private static Said whole(String... args) {
    return said(false, args);
  }

  private static Said forArgs(String... args) {
    return said(true, args);
  }

  /** Every command's path (ledger, ledger import, ...), help aside, read from the whole tree. */
  static Stream<String> commands() {
    List<String> paths = new ArrayList<>();
    addPaths(
        Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
        "",
        paths);
    return paths.stream();
  }

  private static void addPaths(CommandLine cli, String prefix, List<String> paths) {
    cli.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!name.equals("help")) {
                paths.add(prefix + name);
                addPaths(sub, prefix + name + " ", paths);
              }
            });
  }

  /**
   * Arguments that stop at the parser or the help (nothing runs): help, version, an unknown option,
   * an option where a parameter is due, --debug before them.
   */
  static Stream<String[]> argumentsOf(String command) {
    List<String> path = List.of(command.split(" "));
    return Stream.of(
            List.of("--help"),
            List.of("-h"),
            List.of("--version"),
            List.of("-V"),
            List.of("--debug", "--help"),
            List.of("--no-such-option"),
            List.of("--no-such-option", "--help"),
            List.of("-x"))
        .map(
            tail -> {
              List<String> args = new ArrayList<>(path);
              args.addAll(tail);
              return args.toArray(String[]::new);
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void aCommandAloneSaysWhatTheWholeTreeSays(String command) {
    assertThat(command).isNotBlank();
    argumentsOf(command)
        .forEach(
            args -> {
              assertThat(forArgs(args)).as(String.join(" ", args)).isEqualTo(whole(args));
            });
  }

  @Test
  void theHelpOfEveryCommandIsTheSameAlone() {
    assertThat(commands()).hasSizeGreaterThan(10);
    commands()
        .forEach(
            command -> {
              String[] args = (command + " --help").split(" ");
              Said whole = whole(args);
              assertThat(whole.exitCode()).isZero();
              assertThat(whole.out()).startsWith("Usage: ledger-explode " + command + " ");
              assertThat(forArgs(args)).isEqualTo(whole);
            });
  }

  @Test
  void onlyTheCommandNamedFirstIsBuilt() {
    assertThat(tree("run", "job.properties").getSubcommands().keySet()).containsExactly("run");
    assertThat(tree("ledger", "import").getSubcommands().keySet()).containsExactly("ledger");
    assertThat(tree("ledger").getSubcommands().get("ledger").getSubcommands().keySet())
        .containsExactly("import", "generate");
  }

  @Test
  void anythingElseGetsTheWholeTree() {
    int all = tree().getSubcommands().size();
    assertThat(all).isEqualTo(10);
    for (String[] args :
        List.of(
            new String[] {"help", "run"},
            new String[] {"--debug", "run"},
            new String[] {"--help"},
            new String[] {"rn"},
            new String[] {"RUN"},
            new String[] {"-V"})) {
      assertThat(tree(args).getSubcommands()).as(String.join(" ", args)).hasSize(all);
    }
  }

  private static CommandLine tree(String... args) {
    return Main.commandLine(
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
  }
}
