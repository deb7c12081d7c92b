package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** The start's logging, initialised on a second thread while the command line is built. */
class StartAheadTest {
  @Test
  void aCommandRunsWithLogbackInitialised() {
    StartAhead.begin("run");
    StartAhead.awaitLogging();

    assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(LoggerContext.class);
  }

  /**
   * SLF4J gives a substitute to a thread that asks while another initialises it: nothing picocli
   * makes when it builds the command line (commands, their mixins) may get a logger then.
   */
  @Test
  void noCommandGetsALoggerWhenPicocliBuildsIt() {
    List<Class<?>> built = new ArrayList<>();
    addBuilt(
        Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
        built);

    assertThat(built).hasSizeGreaterThan(10).contains(RunCommand.class, ProgressOption.class);
    for (Class<?> type : built) {
      for (Field field : type.getDeclaredFields()) {
        assertThat(Modifier.isStatic(field.getModifiers()) && field.getType() == Logger.class)
            .as(type.getName() + "." + field.getName())
            .isFalse();
      }
    }
  }

  private static void addBuilt(CommandLine cli, List<Class<?>> built) {
    built.add(cli.getCommandSpec().userObject().getClass());
    cli.getCommandSpec().mixins().values().forEach(m -> built.add(m.userObject().getClass()));
    cli.getSubcommands().values().forEach(sub -> addBuilt(sub, built));
  }
}
