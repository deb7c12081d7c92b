package com.ledgerexplode.cli;

import picocli.CommandLine.Option;

/** How often a run reports its progress on standard error. */
final class ProgressOption {
  @Option(
      names = "--progress-seconds",
      defaultValue = "5",
      description = "Seconds between progress lines on standard error (default 5; 0 for none).")
  int seconds;
}
