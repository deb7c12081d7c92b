package com.ledgerexplode.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A command line run in this JVM: its exit code, standard output and standard error. */
record Cli(int exitCode, String out, String err) {
  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args)
            .execute(args);
    return new Cli(code, out.toString(), err.toString());
  }

  /** {@code ledger generate} into {@code out}: {@code customers}, each with {@code events}. */
  static Cli generate(Path out, int customers, int events, int seed) {
    return run(
        "ledger",
        "generate",
        "--out",
        out.toString(),
        "--customers",
        Integer.toString(customers),
        "--events-per-customer",
        Integer.toString(events),
        "--seed",
        Integer.toString(seed));
  }

  /** The command line in a child JVM on this JVM's class path, to be started by the caller. */
  static ProcessBuilder child(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(args);
    return new ProcessBuilder(command);
  }
}
