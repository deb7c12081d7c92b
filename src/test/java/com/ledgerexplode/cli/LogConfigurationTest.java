package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logback's configuration as Logback finds it at a start (its service, then its XML configurator):
 * ours by default, an operator's file when {@code -Dlogback.configurationFile} names one.
 */
class LogConfigurationTest {
  @TempDir Path dir;

  @Test
  void byDefaultTheRootAndOursLogAtInfoToNoAppender() throws Exception {
    LoggerContext context = configured(null);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("com.ledgerexplode").getLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("org.springframework.batch").getEffectiveLevel())
        .isEqualTo(Level.INFO);
    assertThat(root.iteratorForAppenders().hasNext()).isFalse();
  }

  @Test
  void anOperatorsConfigurationFileIsReadInstead() throws Exception {
    Path file = dir.resolve("operator.xml");
    Files.writeString(
        file,
        """
        <configuration>
          <appender name="err" class="ch.qos.logback.core.ConsoleAppender">
            <target>System.err</target>
            <encoder><pattern>%msg%n</pattern></encoder>
          </appender>
          <logger name="com.ledgerexplode" level="DEBUG"/>
          <root level="WARN"><appender-ref ref="err"/></root>
        </configuration>
        """);
    LoggerContext context = configured(file.toString());
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("com.ledgerexplode").getLevel()).isEqualTo(Level.DEBUG);
    assertThat(root.getAppender("err")).isNotNull();
    context.stop();
  }

  @Test
  void aConfigurationFileThatIsNotThereLeavesOurs() throws Exception {
    LoggerContext context = configured(dir.resolve("no-such.xml").toString());
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(root.iteratorForAppenders().hasNext()).isFalse();
  }

  @Test
  void aFileAResourceOrAUrlNamesAConfiguration() throws Exception {
    Path file = Files.writeString(dir.resolve("x.xml"), "<configuration/>");
    assertThat(LogConfiguration.operatorsConfigurationIsThere(file.toString())).isTrue();
    assertThat(LogConfiguration.operatorsConfigurationIsThere(file.toUri().toString())).isTrue();
    assertThat(
            LogConfiguration.operatorsConfigurationIsThere(
                "META-INF/services/ch.qos.logback.classic.spi.Configurator"))
        .isTrue();
    assertThat(LogConfiguration.operatorsConfigurationIsThere(dir.resolve("y.xml").toString()))
        .isFalse();
    assertThat(LogConfiguration.operatorsConfigurationIsThere(null)).isFalse();
    assertThat(LogConfiguration.operatorsConfigurationIsThere("")).isFalse();
  }

  /** A new context configured as Logback configures its own at a start. */
  private static LoggerContext configured(String configurationFile) throws Exception {
    String before = System.getProperty(LogConfiguration.CONFIGURATION_FILE);
    try {
      if (configurationFile == null) {
        System.clearProperty(LogConfiguration.CONFIGURATION_FILE);
      } else {
        System.setProperty(LogConfiguration.CONFIGURATION_FILE, configurationFile);
      }
      LoggerContext context = new LoggerContext();
      new ContextInitializer(context).autoConfig(LogConfiguration.class.getClassLoader());
      return context;
    } finally {
      if (before == null) {
        System.clearProperty(LogConfiguration.CONFIGURATION_FILE);
      } else {
        System.setProperty(LogConfiguration.CONFIGURATION_FILE, before);
      }
    }
  }
}
