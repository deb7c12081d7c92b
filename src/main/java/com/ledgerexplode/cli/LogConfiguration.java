package com.ledgerexplode.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Logback's configuration, made in code rather than read from XML (whose reader alone loads some
 * 230 classes at each start): the root and ours at INFO, and no appender. Standard error keeps the
 * commands' own short lines, and the log lines of Spring Batch, Flyway, Hikari and ours go nowhere
 * until a run (run, restart) adds its log file ({@link RunLog}, which also raises {@code
 * com.ledgerexplode} to DEBUG under {@code --debug}).
 *
 * <p>Found by Logback through {@code META-INF/services}. An operator may give another configuration
 * with {@code -Dlogback.configurationFile=FILE} (a file, a class path resource or a URL): this one
 * then steps aside, and Logback's own XML configurator reads it as it always did. One that names
 * nothing there leaves this one, as it left the XML that this replaces.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogConfiguration extends ContextAwareBase implements Configurator {
  /** The system property naming an operator's Logback configuration. */
  static final String CONFIGURATION_FILE = "logback.configurationFile";

  static final String OURS = "com.ledgerexplode";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (operatorsConfigurationIsThere(System.getProperty(CONFIGURATION_FILE))) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
    context.getLogger(OURS).setLevel(Level.INFO);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * Whether the property names a configuration as Logback looks for it: a URL (read by Logback,
   * which says so if it cannot), else a class path resource, else a file.
   */
  static boolean operatorsConfigurationIsThere(@Nullable String name) {
    if (name == null || name.isBlank()) {
      return false;
    }
    try {
      URI.create(name).toURL();
      return true;
    } catch (IllegalArgumentException | MalformedURLException notAUrl) {
      // a resource or a file
    }
    if (LogConfiguration.class.getClassLoader().getResource(name) != null) {
      return true;
    }
    try {
      return Files.isRegularFile(Path.of(name));
    } catch (InvalidPathException notAPath) {
      return false;
    }
  }
}
