package com.ledgerexplode.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: {@code java -jar target/ledger-explode.jar COMMAND}. */
@Command(
    name = "ledger-explode",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Explodes loyalty points ledgers as getLedgerExplodeInfo does, at batch scale.",
    subcommands = {
      LedgerCommand.class,
      ExplodeCommand.class,
      ServeCommand.class,
      RunCommand.class,
      StatusCommand.class,
      ExecutionCommands.Restart.class,
      ExecutionCommands.Recover.class,
      ExecutionCommands.Stop.class,
      ExecutionCommands.WriteManifest.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 done, 1 failed, 2 bad usage or settings, 3 already running,",
      "4 already completed, 5 the API answered the request with an error (explode),",
      "6 stopped at a chunk boundary (stop, SIGTERM, SIGINT): run again to continue."
    })
public final class Main implements Runnable {
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
    System.exit(execute(args));
  }

  /** Runs a command line and answers its exit code. */
  public static int execute(String... args) {
    // UTF-8 whatever the platform's default: what goes out is JSON (RFC 8259 says UTF-8) and
    // messages that quote it.
    return commandLine(
            new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
            new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true))
        .execute(args);
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    // names of sources, scopes and flags are case-insensitive in the API, so on the command line
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> Failures.report(e, err, debugAsked(parseResult)));
    cli.setExitCodeExceptionMapper(Failures::exitCode);
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
