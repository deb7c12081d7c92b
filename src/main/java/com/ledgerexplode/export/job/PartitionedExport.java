package com.ledgerexplode.export.job;

import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.requests.RequestItem;
import com.ledgerexplode.export.requests.RequestsCsvReader;
import com.ledgerexplode.export.runs.ExportJobNames;
import com.ledgerexplode.export.runs.RunCounts;
import com.ledgerexplode.export.settings.JobSettings;
import com.ledgerexplode.export.sink.ExportSink;
import com.ledgerexplode.export.sink.ReportingDatabaseSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The export step of a partitioned run, with Spring Batch's own partitioning: a partitioner splits
 * the requests file into ranges of about equal bytes at records' ends ({@link
 * RequestsCsvReader#ranges}), and a task executor runs one worker step per range, {@code
 * partitions} at once. Each partition reads its range, explodes its rows and writes them to a sink
 * of its own (its part of a JSON Lines export, joined in input order once all have completed; or
 * the reporting database, whose rows are keyed by request line), with its own checkpoints: a rerun
 * runs again only the partitions that did not complete, each from its last checkpoint, with the
 * partitions the run started with (Spring Batch keeps the grid in the export step's context).
 *
 * <p>The run's counts are the partitions' sum ({@link RunCounts}); the skip limit is the run's.
 * Progress is told to the run's {@link RunObserver} as one: the bytes of the requests file read by
 * all partitions, the counts of all.
 */
final class PartitionedExport {
  private final JobSettings settings;
  private final JobRepository jobRepository;
  private final PlatformTransactionManager transactionManager;
  private final ChunkExploder exploder;
  private final IntFunction<ExportSink> sinkOfPartition;
  private final RunControl control;
  private final Progress progress;
  private final int partitions;
  private final int threads;

  /**
   * Where each partition continues from, by index, as this execution's split found it: its last
   * checkpoint, else its range's start.
   */
  private final Map<Integer, ExecutionContext> planned = new ConcurrentHashMap<>();

  /** In the export step's context: the split's ranges ({@link #encode}). */
  static final String RANGES_KEY = "ledgerExplode.ranges";

  private static final Pattern RANGE_SEPARATOR = Pattern.compile(";");
  private static final Pattern FIELD_SEPARATOR = Pattern.compile(":");

  /**
   * @param sinkOfPartition a new sink for the partition of this index
   * @param partitions how many partitions the run has
   * @param threads how many run at once
   */
  PartitionedExport(
      JobSettings settings,
      JobRepository jobRepository,
      PlatformTransactionManager transactionManager,
      ChunkExploder exploder,
      IntFunction<ExportSink> sinkOfPartition,
      RunObserver observer,
      RunControl control,
      int partitions,
      int threads) {
    this.settings = settings;
    this.jobRepository = jobRepository;
    this.transactionManager = transactionManager;
    this.exploder = exploder;
    this.sinkOfPartition = sinkOfPartition;
    this.control = control;
    this.progress = new Progress(observer);
    this.partitions = partitions;
    this.threads = threads;
  }

  /** The export step: the partitioner, the worker step and the task executor that runs it. */
  Step exportStep() {
    Ranges ranges = new Ranges();
    return new StepBuilder(ExportJobNames.EXPORT_STEP, jobRepository)
        .partitioner(ExportJobNames.PARTITION_STEP, ranges)
        .step(new Worker())
        .gridSize(partitions)
        .taskExecutor(taskExecutor(threads))
        .listener(ranges)
        .listener(control)
        .build();
  }

  private static TaskExecutor taskExecutor(int threads) {
    if (threads == 1) {
      return new SyncTaskExecutor();
    }
    SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("ledger-explode-partition-");
    executor.setConcurrencyLimit(threads);
    // the log lines of a partition's thread carry the execution, as the job's own thread's do
    executor.setTaskDecorator(
        task -> {
          Map<String, String> log = MDC.getCopyOfContextMap();
          return () -> {
            if (log != null) {
              MDC.setContextMap(log);
            }
            try {
              task.run();
            } finally {
              MDC.clear();
            }
          };
        });
    return executor;
  }

  /**
   * Splits the requests file into ranges, one per partition, each partition's context holding its
   * range, its index and (for the reporting database) the run key, the same for all; records the
   * grid in the export step's context; and tells the progress where every partition stands.
   */
  private final class Ranges implements Partitioner, StepExecutionListener {
    private @Nullable StepExecution manager;

    @Override
    public void beforeStep(StepExecution stepExecution) {
      manager = stepExecution;
      ExportCounts before = RunCounts.of(jobRepository, stepExecution.getJobExecution());
      progress.started(stepExecution.getJobExecutionId(), inputBytes(), before);
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
      StepExecution export = manager;
      if (export == null) {
        throw new IllegalStateException("The partitioner runs inside the export step");
      }
      // the split, once per run, kept with the run key before any partition is made, so that a
      // run cut off while Spring Batch makes its partitions continues with the same ones
      ExecutionContext managed = export.getExecutionContext();
      if (!managed.containsKey(RANGES_KEY)) {
        List<RequestsCsvReader.Range> split;
        try {
          split = RequestsCsvReader.ranges(settings.input(), gridSize);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read the requests file " + settings.input(), e);
        }
        managed.putString(RANGES_KEY, encode(split));
        managed.putString(ReportingDatabaseSink.RUN_KEY, UUID.randomUUID().toString());
      }
      managed.putLong(ExportJobNames.PARTITIONS, gridSize);
      jobRepository.updateExecutionContext(export);
      List<RequestsCsvReader.Range> split = decode(managed.getString(RANGES_KEY));
      String runKey = managed.getString(ReportingDatabaseSink.RUN_KEY);
      Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
      planned.clear();
      for (int i = 0; i < split.size(); i++) {
        ExecutionContext context = new ExecutionContext();
        split.get(i).startIn(context);
        context.putLong(ExportJobNames.PARTITION_INDEX, i);
        context.putString(ReportingDatabaseSink.RUN_KEY, runKey);
        contexts.put(ExportJobNames.partitionName(i), context);
        // where a partition of an earlier execution stands: a rerun continues it from there
        StepExecution last =
            jobRepository.getLastStepExecution(
                export.getJobExecution().getJobInstance(),
                ExportJobNames.partitionExecutionName(i));
        ExecutionContext standing =
            last != null && RequestsCsvReader.Range.of(last.getExecutionContext()).isPresent()
                ? last.getExecutionContext()
                : latestKept(export, i).orElse(context);
        planned.put(i, standing);
        progress.partition(i, standing, isDone(last));
      }
      progress.reported();
      return contexts;
    }
  }

  /**
   * The newest context of the partition's executions that holds its range: its last checkpoint,
   * when its last execution was made but cut off before Spring Batch saved the context it continues
   * from; none when no execution of it kept one.
   */
  private Optional<ExecutionContext> latestKept(StepExecution export, int index) {
    String name = ExportJobNames.partitionExecutionName(index);
    StepExecution latest = null;
    for (JobExecution execution :
        jobRepository.getJobExecutions(export.getJobExecution().getJobInstance())) {
      for (StepExecution step : execution.getStepExecutions()) {
        if (step.getStepName().equals(name)
            && RequestsCsvReader.Range.of(step.getExecutionContext()).isPresent()
            && (latest == null || step.getId() > latest.getId())) {
          latest = step;
        }
      }
    }
    return latest == null ? Optional.empty() : Optional.of(latest.getExecutionContext());
  }

  /** The ranges as text for a context: {@code start:line:end} each, {@code end} -1 for the rest. */
  static String encode(List<RequestsCsvReader.Range> ranges) {
    StringBuilder text = new StringBuilder();
    for (RequestsCsvReader.Range range : ranges) {
      if (text.length() > 0) {
        text.append(';');
      }
      text.append(range.start())
          .append(':')
          .append(range.line())
          .append(':')
          .append(range.end() == Long.MAX_VALUE ? -1 : range.end());
    }
    return text.toString();
  }

  static List<RequestsCsvReader.Range> decode(String text) {
    List<RequestsCsvReader.Range> ranges = new ArrayList<>();
    for (String range : RANGE_SEPARATOR.split(text, -1)) {
      String[] parts = FIELD_SEPARATOR.split(range, -1);
      long end = Long.parseLong(parts[2]);
      ranges.add(
          new RequestsCsvReader.Range(
              Long.parseLong(parts[0]), Long.parseLong(parts[1]), end < 0 ? Long.MAX_VALUE : end));
    }
    return ranges;
  }

  private static boolean isDone(@Nullable StepExecution last) {
    return last != null && last.getStatus() == BatchStatus.COMPLETED;
  }

  private long inputBytes() {
    try {
      return Files.size(settings.input());
    } catch (IOException e) {
      return -1; // progress without a total; the reader says what is wrong with the file
    }
  }

  /**
   * The worker step: for each partition's execution, a chunk step of its own (its reader, writer
   * and sink are not shared: each is not thread-safe), run on the executor's thread.
   */
  private final class Worker implements Step {
    @Override
    public String getName() {
      return ExportJobNames.PARTITION_STEP;
    }

    @Override
    public void execute(StepExecution stepExecution) throws JobInterruptedException {
      ExecutionContext context = stepExecution.getExecutionContext();
      if (RequestsCsvReader.Range.of(context).isEmpty()
          || !context.containsKey(ExportJobNames.PARTITION_INDEX)) {
        // made, then cut off before Spring Batch saved its context: it continues from its last
        // checkpoint, or starts its range if it never kept one
        int index = ExportJobNames.partitionIndex(stepExecution.getStepName());
        ExecutionContext plan = planned.get(index);
        if (plan == null) {
          throw new IllegalStateException(
              "Partition " + stepExecution.getStepName() + " is not one of the run's");
        }
        for (Map.Entry<String, Object> entry : plan.entrySet()) {
          context.put(entry.getKey(), entry.getValue());
        }
        jobRepository.updateExecutionContext(stepExecution);
      }
      int index = (int) context.getLong(ExportJobNames.PARTITION_INDEX);
      RequestsCsvReader reader = new RequestsCsvReader(settings.input());
      ExportWriter writer =
          new ExportWriter(
              exploder,
              sinkOfPartition.apply(index),
              settings.skipLimit(),
              progress.runUnreadable());
      try {
        new StepBuilder(ExportJobNames.PARTITION_STEP, jobRepository)
            .<RequestItem, RequestItem>chunk(settings.chunkSize())
            .transactionManager(transactionManager)
            .reader(reader)
            .writer(writer)
            .listener(new PartitionListener(index, reader, writer))
            .listener(control)
            .build()
            .execute(stepExecution);
      } finally {
        try {
          writer.close();
        } finally {
          reader.close();
        }
      }
    }
  }

  /** Tells the progress how one partition goes, after each of its chunks. */
  private final class PartitionListener implements ChunkListener<RequestItem, RequestItem> {
    private final int index;
    private final RequestsCsvReader reader;
    private final ExportWriter writer;

    PartitionListener(int index, RequestsCsvReader reader, ExportWriter writer) {
      this.index = index;
      this.reader = reader;
      this.writer = writer;
    }

    @Override
    public void afterChunk(Chunk<RequestItem> chunk) {
      progress.chunkWritten(index, reader.offset(), writer.counts());
    }
  }

  /**
   * Where each partition stands (its range, how far it has read, its counts), told to the run's
   * observer as one run: the bytes read by all, the counts of all. Called from the partitions'
   * threads; the observer hears one at a time.
   */
  private static final class Progress {
    private final RunObserver observer;
    private final Map<Integer, Standing> standings = new LinkedHashMap<>();
    private long headerBytes = -1;
    private long inputBytes = -1;
    private final AtomicLong runUnreadable = new AtomicLong();

    Progress(RunObserver observer) {
      this.observer = observer;
    }

    private record Standing(long start, long end, long offset, ExportCounts counts) {
      long read() {
        return Math.max(0, Math.min(offset, end) - start);
      }
    }

    synchronized void started(long executionId, long inputBytes, ExportCounts before) {
      this.inputBytes = inputBytes;
      observer.started(executionId, inputBytes, before);
    }

    /** A partition as the split finds it: new, continued from a checkpoint, or done. */
    synchronized void partition(int index, ExecutionContext context, boolean done) {
      RequestsCsvReader.Range range =
          RequestsCsvReader.Range.of(context).orElseThrow(IllegalStateException::new);
      if (headerBytes < 0) {
        headerBytes = range.start();
      }
      // the last range ends with the file
      long end = range.end() == Long.MAX_VALUE ? Math.max(range.start(), inputBytes) : range.end();
      long offset = done ? end : context.getLong(RequestsCsvReader.OFFSET_KEY);
      ExportCounts counts = RunCounts.load(context);
      Standing was = standings.put(index, new Standing(range.start(), end, offset, counts));
      runUnreadable.addAndGet(
          counts.rowsUnreadable() - (was == null ? 0 : was.counts().rowsUnreadable()));
    }

    synchronized void reported() {
      observer.inputRead(read());
    }

    synchronized void chunkWritten(int index, long offset, ExportCounts counts) {
      Standing was = standings.get(index);
      if (was == null) {
        return;
      }
      standings.put(index, new Standing(was.start(), was.end(), offset, counts));
      ExportCounts all = ExportCounts.ZERO;
      for (Standing standing : standings.values()) {
        all = all.plus(standing.counts());
      }
      observer.chunkWritten(all);
      observer.inputRead(read());
    }

    /** The run's unreadable records, all partitions', as the split found them, then as written. */
    AtomicLong runUnreadable() {
      return runUnreadable;
    }

    /** The header's bytes and those of every partition's records read. */
    private long read() {
      long read = Math.max(0, headerBytes);
      for (Standing standing : standings.values()) {
        read += standing.read();
      }
      return read;
    }
  }
}
