package com.ledgerexplode.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The PostgreSQL driver's classes, loaded for the training run of the jar's class-data archive
 * ({@code com.ledgerexplode.cli.ClassDataTraining}), which has no PostgreSQL server to connect to.
 */
public final class PostgreSqlDriverClasses {
  /** The package of the driver's classes, as named in its jar. */
  static final String DRIVER_PACKAGE = "org/postgresql/";

  private static final String DRIVER_CLASS = "org.postgresql.Driver";

  private PostgreSqlDriverClasses() {}

  /**
   * Loads each class of the PostgreSQL driver in the jar that holds it, without initializing any;
   * answers how many were loaded (a class the JVM cannot link, such as one of an optional
   * dependency absent here, is passed over).
   */
  public static int loadAll() {
    ClassLoader loader = PostgreSqlDriverClasses.class.getClassLoader();
    int loaded = 0;
    try (JarFile jar = new JarFile(jarOf(driver(loader)).toFile())) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName();
        if (name.startsWith(DRIVER_PACKAGE) && name.endsWith(".class")) {
          String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
          try {
            Class.forName(className, false, loader);
            loaded++;
          } catch (ClassNotFoundException | LinkageError notHere) {
            // not a class this JVM can load: no run loads it either
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return loaded;
  }

  private static Class<?> driver(ClassLoader loader) {
    try {
      return Class.forName(DRIVER_CLASS, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("The PostgreSQL driver is not on the class path", e);
    }
  }

  private static Path jarOf(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null) {
      throw new IllegalStateException(type.getName() + " was not loaded from a jar");
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Connects the driver to a socket on the loopback interface that is closed as soon as it is
   * accepted: the driver opens its streams, sends its first message and fails on the closed
   * connection. Answers that failure's message.
   */
  public static String attemptConnection() {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread closer =
          new Thread(
              () -> {
                try {
                  Socket accepted = server.accept();
                  accepted.close();
                } catch (IOException closedFirst) {
                  // the attempt gave up before it was accepted
                }
              },
              "ledger-explode-training-closer");
      closer.setDaemon(true);
      closer.start();
      String url =
          "jdbc:postgresql://"
              + InetAddress.getLoopbackAddress().getHostAddress()
              + ":"
              + server.getLocalPort()
              + "/training?user=training&connectTimeout=5&socketTimeout=5";
      try (Connection unexpected = DriverManager.getConnection(url)) {
        throw new IllegalStateException("a closed socket accepted a connection: " + unexpected);
      } catch (SQLException expected) {
        return String.valueOf(expected.getMessage());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
