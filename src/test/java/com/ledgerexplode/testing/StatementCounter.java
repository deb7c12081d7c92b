package com.ledgerexplode.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.QueryExecutor;

/**
 * A DataSource that counts the statements made on its connections ({@code prepareStatement}, {@code
 * prepareCall}, {@code createStatement}, and PgJDBC's COPY commands, made through {@code
 * unwrap(BaseConnection.class)}) and keeps their SQL text; {@link #reset()} starts the count again.
 */
public final class StatementCounter implements DataSource {
  private static final String CREATED = "(createStatement)";

  private final DataSource target;
  private final List<String> statements = new ArrayList<>();
  private final List<String> sql = new ArrayList<>();

  public StatementCounter(DataSource target) {
    this.target = target;
  }

  /** Statements made since the last reset. */
  public synchronized int count() {
    return statements.size();
  }

  /** Their SQL text, in order ({@code createStatement} shows as "(createStatement)"). */
  public synchronized List<String> statements() {
    return List.copyOf(statements);
  }

  /**
   * Every SQL text sent since the last reset, in order: those of the statements prepared and those
   * run by the statements created ({@code execute...} and {@code addBatch} with a text), and COPY
   * commands.
   */
  public synchronized List<String> sql() {
    return List.copyOf(sql);
  }

  public synchronized void reset() {
    statements.clear();
    sql.clear();
  }

  private synchronized void record(String text) {
    statements.add(text);
    if (!text.equals(CREATED)) {
      sql.add(text);
    }
  }

  private synchronized void recordRun(String text) {
    sql.add(text);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return counting(target.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return counting(target.getConnection(username, password));
  }

  private Connection counting(Connection connection) {
    InvocationHandler handler =
        (Object proxy, Method method, Object[] args) -> {
          switch (method.getName()) {
            case "prepareStatement", "prepareCall" -> record((String) args[0]);
            case "createStatement" -> record(CREATED);
            case "unwrap" -> {
              if (args[0] == BaseConnection.class) {
                return copyCounting(connection.unwrap(BaseConnection.class));
              }
            }
            default -> {}
          }
          try {
            Object answer = method.invoke(connection, args);
            return answer instanceof Statement created && method.getName().equals("createStatement")
                ? running(created)
                : answer;
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (Connection)
        Proxy.newProxyInstance(
            StatementCounter.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  /** A created statement whose texts run are kept ({@link #sql()}). */
  private Statement running(Statement statement) {
    return delegate(
        Statement.class,
        statement,
        (method, args) -> {
          if ((method.getName().startsWith("execute") || method.getName().equals("addBatch"))
              && args != null
              && args.length > 0
              && args[0] instanceof String text) {
            recordRun(text);
          }
          return null;
        });
  }

  /** PgJDBC's connection whose COPY commands (its query executor's {@code startCopy}) count too. */
  private BaseConnection copyCounting(BaseConnection connection) {
    QueryExecutor executor = connection.getQueryExecutor();
    QueryExecutor counting =
        delegate(
            QueryExecutor.class,
            executor,
            (method, args) -> {
              if (method.getName().equals("startCopy")) {
                record((String) args[0]);
              }
              return null;
            });
    return delegate(
        BaseConnection.class,
        connection,
        (method, args) -> method.getName().equals("getQueryExecutor") ? counting : null);
  }

  /** A proxy of {@code target} answering what {@code override} answers, else as the target. */
  private static <T> T delegate(Class<T> type, T target, Answer override) {
    InvocationHandler handler =
        (Object proxy, Method method, Object[] args) -> {
          Object answer = override.answer(method, args);
          if (answer != null) {
            return answer;
          }
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return type.cast(
        Proxy.newProxyInstance(
            StatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  /** What a proxy answers instead of its target; null to let the target answer. */
  @FunctionalInterface
  private interface Answer {
    Object answer(Method method, Object[] args);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    return target.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || target.isWrapperFor(type);
  }
}
