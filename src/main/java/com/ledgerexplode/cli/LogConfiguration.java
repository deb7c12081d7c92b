package com.ledgerexplode.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration, made in code rather than read from XML (whose reader alone loads some
 * 230 classes at each start): the root and ours at INFO, and no appender. Standard error keeps the
 * commands' own short lines, and the log lines of Spring Batch, Flyway, Hikari and ours go nowhere
 * until a run (run, restart) adds its log file ({@link RunLog}, which also raises {@code
 * com.ledgerexplode} to DEBUG under {@code --debug}).
 *
 * <p>Found by Logback through {@code META-INF/services}. An operator may give another configuration
 * with {@code -Dlogback.configurationFile=FILE}: this one then steps aside, and Logback's own XML
 * configurator reads that file as it always did.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogConfiguration extends ContextAwareBase implements Configurator {
  /** The system property naming an operator's Logback configuration. */
  static final String CONFIGURATION_FILE = "logback.configurationFile";

  static final String OURS = "com.ledgerexplode";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty(CONFIGURATION_FILE) != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
    context.getLogger(OURS).setLevel(Level.INFO);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
