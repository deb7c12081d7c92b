package com.ledgerexplode.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * An embedded PostgreSQL server of a test's own that can be stopped and started again mid-run, as a
 * server restart or an outage would: the same data directory and port each time, so that its
 * databases and their URLs outlive a restart. As root, zonky runs it under {@code unshare -U}.
 */
public final class RestartablePostgres implements AutoCloseable {
  private final Path dataDirectory;
  private final int port;
  private @Nullable EmbeddedPostgres server;

  /** A server on this (new or kept) data directory and a free port, started. */
  public RestartablePostgres(Path dataDirectory) {
    this.dataDirectory = dataDirectory;
    this.port = freePort();
    start();
  }

  /** Starts the server again on its directory and port; nothing if it runs. */
  public synchronized void start() {
    if (server != null) {
      return;
    }
    try {
      server =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setRegisterShutdownHook(false)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL on port " + port, e);
    }
  }

  /** Stops the server (a fast shutdown: its sessions are ended); nothing if it is stopped. */
  public synchronized void stop() {
    EmbeddedPostgres running = server;
    server = null;
    if (running != null) {
      try {
        running.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot stop embedded PostgreSQL on port " + port, e);
      }
    }
  }

  /** A new database on the server (which must run), by its URL (user postgres, no password). */
  public synchronized String createDatabase(String name) {
    EmbeddedPostgres running = server;
    if (running == null) {
      throw new IllegalStateException("the server is stopped");
    }
    try (Connection c = running.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return "jdbc:postgresql://localhost:" + port + "/" + name + "?user=postgres";
  }

  @Override
  public void close() {
    stop();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
