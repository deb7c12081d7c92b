package com.ledgerexplode.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource that counts the statements made on its connections ({@code prepareStatement}, {@code
 * prepareCall}, {@code createStatement}) and keeps their SQL text; {@link #reset()} starts the
 * count again.
 */
public final class StatementCounter implements DataSource {
  private final DataSource target;
  private final List<String> statements = new ArrayList<>();

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

  public synchronized void reset() {
    statements.clear();
  }

  private synchronized void record(String sql) {
    statements.add(sql);
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
            case "createStatement" -> record("(createStatement)");
            default -> {}
          }
          try {
            return method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (Connection)
        Proxy.newProxyInstance(
            StatementCounter.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
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
