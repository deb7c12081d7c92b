package com.ledgerexplode.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import com.ledgerexplode.export.job.ExecutionLog;
import com.ledgerexplode.export.job.RunObserver;
import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.runs.RunningProcess;
import com.ledgerexplode.export.settings.JobSettings;
import com.ledgerexplode.store.Secrets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The log file of one run (run, restart): while open, every log line of this JVM at the configured
 * levels (INFO, and DEBUG for ours under {@code --debug}) is appended to it, tagged with the
 * execution it belongs to. Closing it detaches the file, restores the level and clears the MDC, so
 * that a JVM that runs several commands (the tests) starts each from the same state.
 */
final class RunLog implements AutoCloseable {
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(RunLog.class);
  private static final String OURS = "com.ledgerexplode";

  private final Path file;
  private final FileAppender<ILoggingEvent> appender;
  private final Logger ours;
  private final @Nullable Level oursBefore;

  private RunLog(Path file, FileAppender<ILoggingEvent> appender, Logger ours, boolean debug) {
    this.file = file;
    this.appender = appender;
    this.ours = ours;
    this.oursBefore = ours.getLevel();
    if (debug) {
      ours.setLevel(Level.DEBUG);
    }
  }

  /**
   * Starts appending the log to this file (created with its directory if absent).
   *
   * @throws IOException when the file cannot be written
   */
  static RunLog open(Path file, boolean debug) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Layout layout = new Layout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.setCharset(StandardCharsets.UTF_8);
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("run-log");
    appender.setFile(file.toString());
    appender.setAppend(true);
    appender.setEncoder(encoder);
    appender.start();
    if (!appender.isStarted()) {
      throw new IOException("Cannot write the log file " + file);
    }
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    return new RunLog(file, appender, context.getLogger(OURS), debug);
  }

  /** The settings as a job file gives them, any secret masked all the same. */
  static String describe(JobSettings settings) {
    return settings.toMap().entrySet().stream()
        .map(e -> e.getKey() + "=" + masked(e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** The one place here that masks secrets, with the store's detector. */
  private static String masked(String text) {
    return Secrets.mask(text);
  }

  Path file() {
    return file;
  }

  /**
   * The observer, which also says on standard error where the log is once the execution starts, and
   * logs a dead execution's recovery.
   */
  RunObserver announcedTo(PrintWriter err, RunObserver observer) {
    return new RunObserver() {
      @Override
      public void started(long executionId, long rowsTotal, ExportCounts before) {
        observer.started(executionId, rowsTotal, before);
        err.println("log: " + file);
        err.flush();
      }

      @Override
      public void inputRead(long offset) {
        observer.inputRead(offset);
      }

      @Override
      public void chunkWritten(ExportCounts counts) {
        observer.chunkWritten(counts);
      }

      @Override
      public void recovered(long executionId, RunningProcess dead) {
        LOG.warn(
            "execution {} (pid {}) had died; marked FAILED, this run continues from its last"
                + " checkpoint",
            executionId,
            dead.pid());
        observer.recovered(executionId, dead);
      }

      @Override
      public void retrying(String message) {
        observer.retrying(message);
      }
    };
  }

  @Override
  public void close() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    appender.stop();
    ours.setLevel(oursBefore);
    MDC.clear();
  }

  /**
   * A line as the pattern {@code %d{yyyy-MM-dd HH:mm:ss.SSS'Z',UTC} PID %-5level
   * %execution%logger{36} - %maskedMessage%n%maskedThrowable} would write it, written in code:
   * Logback's pattern layout loads its parser and every converter it knows (some 80 classes) at
   * each start.
   */
  static final class Layout extends LayoutBase<ILoggingEvent> {
    private static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int LOGGER_LENGTH = 36;
    private static final int LEVEL_WIDTH = 5;

    private final String pid = " " + ProcessHandle.current().pid() + " ";
    private final TargetLengthBasedClassNameAbbreviator loggers =
        new TargetLengthBasedClassNameAbbreviator(LOGGER_LENGTH);
    private final ExecutionTag execution = new ExecutionTag();
    private final MaskedMessage message = new MaskedMessage();
    private final MaskedThrowable throwable = new MaskedThrowable();

    @Override
    public void start() {
      for (ClassicConverter converter : new ClassicConverter[] {execution, message, throwable}) {
        converter.setContext(getContext());
        converter.start();
      }
      super.start();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
      StringBuilder line = new StringBuilder(160);
      line.append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp()))).append(pid);
      String level = event.getLevel().toString();
      line.append(level);
      for (int i = level.length(); i < LEVEL_WIDTH; i++) {
        line.append(' ');
      }
      line.append(' ')
          .append(execution.convert(event))
          .append(loggers.abbreviate(event.getLoggerName()))
          .append(" - ")
          .append(message.convert(event))
          .append(CoreConstants.LINE_SEPARATOR)
          .append(throwable.convert(event));
      return line.toString();
    }

    @Override
    public void stop() {
      throwable.stop();
      super.stop();
    }
  }

  /** {@code [execution 12] } on the lines of an execution, nothing on the others. */
  static final class ExecutionTag extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
      String id = event.getMDCPropertyMap().get(ExecutionLog.EXECUTION_ID);
      return id == null ? "" : "[execution " + id + "] ";
    }
  }

  /**
   * A message with any URL's password masked: ours never hold one, but a library's message could
   * quote a URL it was given.
   */
  static final class MaskedMessage extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
      return masked(super.convert(event));
    }
  }

  /** A stack trace with any URL's password masked, as {@link MaskedMessage}. */
  static final class MaskedThrowable extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
      return masked(super.throwableProxyToString(throwable));
    }
  }
}
