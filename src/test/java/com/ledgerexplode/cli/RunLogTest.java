package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.ledgerexplode.export.job.ExecutionLog;
import com.ledgerexplode.export.job.RunObserver;
import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.runs.RunningProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** A run's log file, line by line: what is written, tagged, masked, and when it stops. */
class RunLogTest {
  private static final Logger LIBRARY = LoggerFactory.getLogger("org.springframework.batch.x");
  private static final Logger OURS = LoggerFactory.getLogger("com.ledgerexplode.x");

  @TempDir Path dir;

  private static void inLog(Path file, boolean debug, Runnable lines) throws Exception {
    try (RunLog log = RunLog.open(file, debug)) {
      assertThat(log.file()).isEqualTo(file);
      lines.run();
    }
  }

  @Test
  void linesOfAnExecutionAreTaggedWithItsIdAndTheOthersAreNot() throws Exception {
    Path file = dir.resolve("logs/run.log");
    inLog(
        file,
        false,
        () -> {
          OURS.info("before the execution");
          MDC.put(ExecutionLog.EXECUTION_ID, "42");
          LIBRARY.info("a step ran");
          OURS.info("the run ended");
        });

    assertThat(Files.readAllLines(file))
        .satisfiesExactly(
            line ->
                assertThat(line)
                    .matches(
                        "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z \\d+ INFO  "
                            + "com\\.ledgerexplode\\.x - before the execution"),
            line ->
                assertThat(line)
                    .endsWith(" INFO  [execution 42] org.springframework.batch.x - a step ran"),
            line ->
                assertThat(line)
                    .endsWith(" INFO  [execution 42] com.ledgerexplode.x - the run ended"));
    assertThat(MDC.get(ExecutionLog.EXECUTION_ID)).as("cleared on close").isNull();
  }

  @Test
  void aPasswordThatAnyLineOrStackTraceQuotesIsMasked() throws Exception {
    Path file = dir.resolve("run.log");
    inLog(
        file,
        false,
        () -> {
          LIBRARY.info(
              "launched with [ledger.db=jdbc:postgresql://db/l?sslpassword=t0ken-1&ssl=true]");
          LIBRARY.error(
              "cannot connect",
              new IllegalStateException(
                  "no route", new SQLException("jdbc:postgresql://db/l?user=u&password=t0ken-2")));
        });

    String text = Files.readString(file);
    assertThat(text)
        .contains("sslpassword=***&ssl=true", "password=***", "Caused by: java.sql.SQLException")
        .doesNotContain("t0ken");
  }

  @Test
  void debugRaisesOurLevelAloneAndOnlyWhileTheLogIsOpen() throws Exception {
    Path file = dir.resolve("run.log");
    inLog(
        file,
        true,
        () -> {
          OURS.debug("ours in debug");
          LIBRARY.debug("a library in debug");
        });
    inLog(
        file,
        false,
        () -> {
          OURS.debug("ours in debug after");
        });

    assertThat(Files.readString(file))
        .contains("DEBUG com.ledgerexplode.x - ours in debug\n")
        .doesNotContain("a library in debug")
        .doesNotContain("ours in debug after");
  }

  @Test
  void aClosedLogReceivesNothingMoreAndItsFileIsAppendedToByTheNextRun() throws Exception {
    Path file = dir.resolve("run.log");
    inLog(
        file,
        false,
        () -> {
          OURS.info("first run");
        });
    OURS.info("between runs");
    inLog(
        file,
        false,
        () -> {
          OURS.info("second run");
        });

    assertThat(Files.readAllLines(file))
        .hasSize(2)
        .satisfiesExactly(
            line -> assertThat(line).endsWith("first run"),
            line -> assertThat(line).endsWith("second run"));
  }

  @Test
  void theObserverItAnnouncesToHearsEveryCallOfTheRun() throws Exception {
    List<String> heard = new ArrayList<>();
    RunObserver recording =
        (RunObserver)
            Proxy.newProxyInstance(
                RunObserver.class.getClassLoader(),
                new Class<?>[] {RunObserver.class},
                (proxy, method, args) -> {
                  heard.add(method.getName());
                  return null;
                });
    List<String> called = new ArrayList<>();
    try (RunLog log = RunLog.open(dir.resolve("run.log"), false)) {
      RunObserver announced = log.announcedTo(new PrintWriter(new StringWriter()), recording);
      for (Method method : RunObserver.class.getMethods()) {
        if (method.isDefault()) {
          Object[] args = new Object[method.getParameterCount()];
          Class<?>[] types = method.getParameterTypes();
          for (int i = 0; i < args.length; i++) {
            args[i] = argumentOf(types[i]);
          }
          method.invoke(announced, args);
          called.add(method.getName());
        }
      }
    }

    assertThat(called).contains("started", "inputRead", "chunkWritten", "recovered", "retrying");
    assertThat(heard).containsExactlyElementsOf(called);
  }

  /** The pattern the log's lines were written with before they were laid out in code. */
  private static final String PATTERN =
      "%d{yyyy-MM-dd HH:mm:ss.SSS'Z',UTC} "
          + ProcessHandle.current().pid()
          + " %-5level %execution%logger{36} - %maskedMessage%n%maskedThrowable";

  @Test
  void linesAreLaidOutAsTheirPatternWroteThem() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayout pattern = new PatternLayout();
    pattern.setContext(context);
    pattern.getInstanceConverterMap().put("execution", RunLog.ExecutionTag::new);
    pattern.getInstanceConverterMap().put("maskedMessage", RunLog.MaskedMessage::new);
    pattern.getInstanceConverterMap().put("maskedThrowable", RunLog.MaskedThrowable::new);
    pattern.setPattern(PATTERN);
    pattern.start();
    RunLog.Layout layout = new RunLog.Layout();
    layout.setContext(context);
    layout.start();
    Exception failure =
        new IllegalStateException(
            "Cannot connect to jdbc:postgresql://db/x?user=u&password=secret",
            new SQLException("refused"));
    failure.addSuppressed(new IllegalArgumentException("also"));
    try {
      for (String logger :
          List.of("org.springframework.batch.core.step.AbstractStep", "com.ledgerexplode.x", "y")) {
        for (Level level : List.of(Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE)) {
          for (Throwable thrown : Arrays.asList(null, failure)) {
            for (String execution : Arrays.asList(null, "12")) {
              if (execution == null) {
                MDC.remove(ExecutionLog.EXECUTION_ID);
              } else {
                MDC.put(ExecutionLog.EXECUTION_ID, execution);
              }
              LoggingEvent event =
                  new LoggingEvent(
                      RunLogTest.class.getName(),
                      context.getLogger(logger),
                      level,
                      "{} at jdbc:h2:tcp://host/db;PASSWORD=hush",
                      thrown,
                      new Object[] {"an argument"});
              assertThat(layout.doLayout(event)).isEqualTo(pattern.doLayout(event));
            }
          }
        }
      }
    } finally {
      MDC.clear();
      layout.stop();
      pattern.stop();
    }
  }

  private static Object argumentOf(Class<?> type) {
    if (type == long.class) {
      return 1L;
    }
    if (type == ExportCounts.class) {
      return ExportCounts.ZERO;
    }
    if (type == RunningProcess.class) {
      return RunningProcess.current();
    }
    if (type == String.class) {
      return "a message";
    }
    throw new IllegalArgumentException("no argument of " + type + " for this test");
  }
}
