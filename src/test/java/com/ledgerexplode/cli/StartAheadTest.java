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
   * In a JVM of its own that does nothing but the start ahead of a command: the H2 engine that
   * opening the default job repository needs is loaded by a run's start, not by another command's.
   */
  @Test
  void aRunsStartLoadsTheH2EngineOfTheJobRepositoryAheadAndExplodesDoesNot() throws Exception {
    assertThat(classesLoadedAheadOf(RunCommand.class))
        .contains("org.h2.engine.Database", "org.h2.mvstore.MVStore", "org.h2.command.Parser");
    assertThat(classesLoadedAheadOf(ExplodeCommand.class)).doesNotContain("org.h2.engine.Database");
  }

  private static List<String> classesLoadedAheadOf(Class<?> command) throws Exception {
    List<String> java = new ArrayList<>();
    java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    java.add("-Xlog:class+load=info");
    java.add("-cp");
    java.add(System.getProperty("java.class.path"));
    java.add(AheadOnly.class.getName());
    java.add(command.getName());
    Process child = new ProcessBuilder(java).redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor()).as(out).isZero();
    assertThat(out).contains("the start ahead ended");
    List<String> loaded = new ArrayList<>();
    for (String line : out.split("\n", -1)) {
      int tag = line.indexOf("[class,load] ");
      if (tag >= 0) {
        String rest = line.substring(tag + "[class,load] ".length());
        int space = rest.indexOf(' ');
        loaded.add(space < 0 ? rest : rest.substring(0, space));
      }
    }
    return loaded;
  }

  /** The child of {@link #aRunsStartLoadsTheH2EngineOfTheJobRepositoryAheadAndExplodesDoesNot}. */
  static final class AheadOnly {
    public static void main(String[] args) throws Exception {
      StartAhead.begin(Class.forName(args[0]));
      for (Thread thread : Thread.getAllStackTraces().keySet()) {
        if (thread.getName().equals("start-ahead")) {
          thread.join();
        }
      }
      System.out.println("the start ahead ended");
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
