package com.ledgerexplode.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** A command line run in this JVM: its exit code, standard output and standard error. */
record Cli(int exitCode, String out, String err) {
  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Cli(code, out.toString(), err.toString());
  }
}
