package com.ledgerexplode.cli;

import com.ledgerexplode.export.job.RunControl;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * While a run goes on (or a server serves, see {@link #install(Runnable, String, PrintWriter)}),
 * SIGTERM and SIGINT stop it at its next chunk boundary instead of killing the JVM (whose shutdown
 * would close the databases under the step): the run ends STOPPED, exit code 6, and the same
 * command continues it. A second signal ends the process at once, as a kill would (the run is then
 * recovered by the next run). Outside a run the JVM's own handling is back.
 *
 * <p>The JDK has no public API to handle a signal without shutting down; {@code sun.misc.Signal}
 * (module jdk.unsupported, in every JDK) is the one used by servers for this, reached by reflection
 * so that the build's warnings stay clean. Where it is missing, signals keep the JVM's behaviour
 * (and a killed run is recovered by the next one).
 */
final class StopOnSignal implements AutoCloseable {
  private static final List<String> SIGNALS = List.of("TERM", "INT");
  private static final Map<String, Integer> NUMBERS = Map.of("TERM", 15, "INT", 2);

  private final Map<Object, Object> previous = new LinkedHashMap<>();
  private final @Nullable Method handle;

  private StopOnSignal(@Nullable Method handle) {
    this.handle = handle;
  }

  /** Stops {@code control}'s run on the first signal, ends the process on the second. */
  static StopOnSignal install(RunControl control, PrintWriter err) {
    return install(
        control::requestStop,
        "stopping after the current chunk (a second signal ends the run at once)",
        err);
  }

  /**
   * Runs {@code stop} on the first signal, saying {@code what} it does after the signal's name;
   * ends the process on the second.
   */
  static StopOnSignal install(Runnable stop, String what, PrintWriter err) {
    try {
      Class<?> signalType = Class.forName("sun.misc.Signal");
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      Method handle = signalType.getMethod("handle", signalType, handlerType);
      Method name = signalType.getMethod("getName");
      AtomicInteger received = new AtomicInteger();
      InvocationHandler onSignal =
          (proxy, method, args) -> {
            if (!method.getName().equals("handle") || args == null) {
              return method.getName().equals("hashCode")
                  ? System.identityHashCode(proxy)
                  : method.getName().equals("equals") ? proxy == args[0] : "StopOnSignal";
            }
            String signal = String.valueOf(name.invoke(args[0]));
            if (received.incrementAndGet() > 1) {
              err.println("ledger-explode: SIG" + signal + " again: ending now");
              err.flush();
              Runtime.getRuntime().halt(128 + NUMBERS.getOrDefault(signal, 15));
            }
            err.println("ledger-explode: SIG" + signal + ": " + what);
            err.flush();
            stop.run();
            return null;
          };
      Object handler =
          Proxy.newProxyInstance(
              StopOnSignal.class.getClassLoader(), new Class<?>[] {handlerType}, onSignal);
      StopOnSignal installed = new StopOnSignal(handle);
      for (String signal : SIGNALS) {
        Object sig = signalType.getConstructor(String.class).newInstance(signal);
        installed.previous.put(sig, handle.invoke(null, sig, handler));
      }
      return installed;
    } catch (ReflectiveOperationException | RuntimeException unavailable) {
      return new StopOnSignal(null);
    }
  }

  @Override
  public void close() {
    Method restore = handle;
    if (restore == null) {
      return;
    }
    previous.forEach(
        (signal, handler) -> {
          try {
            restore.invoke(null, signal, handler);
          } catch (ReflectiveOperationException e) {
            // the JVM keeps our handler, which only asks a finished run to stop: harmless
          }
        });
  }
}
