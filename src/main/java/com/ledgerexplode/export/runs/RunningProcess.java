package com.ledgerexplode.export.runs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The process that runs an execution, kept as non-identifying job parameters (there from the moment
 * the execution is created) so that a later command can tell a run that is alive from one whose JVM
 * died: a SIGKILL leaves it STARTED. The start instant tells a live process from another that was
 * given the same pid later.
 */
public record RunningProcess(String host, long pid, long startMillis) {
  /** The prefix of this record's job parameters, which are no setting. */
  public static final String PREFIX = "run.";

  static final String HOST = "run.host";
  static final String PID = "run.pid";
  static final String START = "run.processStart";

  public static RunningProcess current() {
    ProcessHandle self = ProcessHandle.current();
    return new RunningProcess(
        hostName(), self.pid(), self.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
  }

  /** The process an execution's parameters name, if any. */
  public static Optional<RunningProcess> of(JobParameters parameters) {
    String host = parameters.getString(HOST);
    Long pid = parameters.getLong(PID);
    if (host == null || pid == null) {
      return Optional.empty();
    }
    return Optional.of(new RunningProcess(host, pid, parameters.getLong(START, 0L)));
  }

  /** These parameters with this process added, not identifying. */
  public JobParameters addTo(JobParameters parameters) {
    return new JobParametersBuilder(parameters)
        .addString(HOST, host, false)
        .addLong(PID, pid, false)
        .addLong(START, startMillis, false)
        .toJobParameters();
  }

  public boolean isOnThisHost() {
    return host.equals(hostName());
  }

  /** Whether this process still runs; only answerable on its own host. */
  public boolean isAlive() {
    @Nullable ProcessHandle handle = ProcessHandle.of(pid).orElse(null);
    if (handle == null || !handle.isAlive()) {
      return false;
    }
    long started = handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    // another process may hold a dead run's pid; the start time tells them apart
    return startMillis == 0 || started == 0 || Math.abs(started - startMillis) < 1000;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      String env = System.getenv("HOSTNAME");
      return env == null ? "localhost" : env;
    }
  }
}
