package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** The start's logging, initialised on a second thread while the command line is built. */
class StartAheadTest {
  /**
   * In a JVM of its own (SLF4J's state is the JVM's): once {@link StartAhead#awaitLogging} returns,
   * SLF4J is initialised with Logback though the main thread never asked it for anything.
   */
  @Test
  void loggingIsInitialisedOnTheSecondThreadBeforeACommandRuns() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(AwaitLogging.class.getName());
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(child.waitFor()).as(out).isZero();
    assertThat(out).contains("initialised before the main thread asked: true");
  }

  /** The child of {@link #loggingIsInitialisedOnTheSecondThreadBeforeACommandRuns}. */
  static final class AwaitLogging {
    /** SLF4J's state once initialised (LoggerFactory.SUCCESSFUL_INITIALIZATION). */
    private static final int INITIALISED = 3;

    public static void main(String[] args) throws Exception {
      StartAhead.begin(RunCommand.class);
      StartAhead.awaitLogging();
      // read without asking SLF4J anything: asking would initialise it on this thread
      Field state = LoggerFactory.class.getDeclaredField("INITIALIZATION_STATE");
      state.setAccessible(true);
      boolean initialised = state.getInt(null) == INITIALISED;
      System.out.println("initialised before the main thread asked: " + initialised);
      if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext)) {
        throw new IllegalStateException("not Logback: " + LoggerFactory.getILoggerFactory());
      }
    }
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
