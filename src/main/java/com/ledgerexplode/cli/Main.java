package com.ledgerexplode.cli;

import com.ledgerexplode.store.Databases;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: {@code java -jar target/ledger-explode.jar COMMAND}. */
@Command(
    name = "ledger-explode",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Explodes loyalty points ledgers as getLedgerExplodeInfo does, at batch scale.",
    footer = {
      "",
      "Exit codes: 0 done, 1 failed, 2 bad usage or settings, 3 already running,",
      "4 already completed, 5 the API answered the request with an error (explode),",
      "6 stopped at a chunk boundary (stop, SIGTERM, SIGINT): run again to continue."
    })
public final class Main implements Runnable {
  /**
   * The commands, in the order the help lists them: added in {@link #commandLine(PrintWriter,
   * PrintWriter, String...)} rather than named in the annotation, so that a command line can be
   * built with only the one it runs.
   */
  private static final List<Class<?>> COMMANDS =
      List.of(
          LedgerCommand.class,
          ExplodeCommand.class,
          ServeCommand.class,
          RunCommand.class,
          StatusCommand.class,
          ExecutionCommands.Restart.class,
          ExecutionCommands.Recover.class,
          ExecutionCommands.Stop.class,
          ExecutionCommands.WriteManifest.class,
          CommandLine.HelpCommand.class);

  @Option(
      names = "--debug",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of failures.")
  boolean debug;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
  }

  public static void main(String[] args) {
    Databases.setUpH2(); // before any of H2's classes is loaded, on this thread or the next
    StartAhead.begin(commandNamed(args));
    System.exit(execute(args));
  }

  /** Runs a command line and answers its exit code. */
  public static int execute(String... args) {
    // UTF-8 whatever the platform's default: what goes out is JSON (RFC 8259 says UTF-8) and
    // messages that quote it.
    return commandLine(
            new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
            new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
            args)
        .execute(args);
  }

  /**
   * The command line for these arguments. When the first names a command (but help), the tree holds
   * that command alone: picocli builds each command's model by reflection, and building the nine
   * others is a good part of a short run's start (a one-row run). Nothing else tells the
   * difference: picocli reads the arguments after a command's name against that command only, and
   * its help, messages and suggestions are that command's own. Any other first argument (none, an
   * option, help, a name that is no command) gets the whole tree.
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
    Class<?> command = commandNamed(args);
    return command == null
        ? commandLine(out, err)
        : configured(withCommands(List.of(command)), out, err);
  }

  /** The command the first argument names, but help; null for any other first argument. */
  static @Nullable Class<?> commandNamed(String... args) {
    if (args.length > 0) {
      for (Class<?> command : COMMANDS) {
        if (command != CommandLine.HelpCommand.class
            && command.getAnnotation(Command.class).name().equals(args[0])) {
          return command;
        }
      }
    }
    return null;
  }

  /** The command line with every command. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return configured(withCommands(COMMANDS), out, err);
  }

  private static CommandLine withCommands(List<Class<?>> commands) {
    CommandLine cli = new CommandLine(new Main());
    for (Class<?> command : commands) {
      cli.addSubcommand(command);
    }
    return cli;
  }

  /** The settings of the whole tree, set once its commands are there: picocli passes them down. */
  private static CommandLine configured(CommandLine cli, PrintWriter out, PrintWriter err) {
    // names of sources, scopes and flags are case-insensitive in the API, so on the command line
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> Failures.report(e, err, debugAsked(parseResult)));
    cli.setExitCodeExceptionMapper(Failures::exitCode);
    // a command may log: not before the start's logging is there (StartAhead)
    cli.setExecutionStrategy(
        parseResult -> {
          StartAhead.awaitLogging();
          return new CommandLine.RunLast().execute(parseResult);
        });
    return cli;
  }

  static boolean debugAsked(CommandLine.ParseResult parseResult) {
    return Arrays.asList(parseResult.originalArgs().toArray(String[]::new)).contains("--debug");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"ledger-explode " + (version == null ? "(development)" : version)};
    }
  }
}
