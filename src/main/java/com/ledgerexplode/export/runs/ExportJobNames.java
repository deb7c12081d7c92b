package com.ledgerexplode.export.runs;

/**
 * The names under which the export job keeps its runs in the job repository: the job, its steps,
 * and the keys of what the product adds to their contexts. One place, so that the job that writes
 * them and the commands that read them (status, recover, restart) agree.
 */
public final class ExportJobNames {
  public static final String JOB = "ledgerExportJob";
  public static final String EXPORT_STEP = "exportStep";
  public static final String MANIFEST_STEP = "manifestStep";

  /**
   * A partitioned run's worker step: its executions are named {@code partitionStep:partition0} and
   * on, one per partition ({@link #partitionExecutionName}).
   */
  public static final String PARTITION_STEP = "partitionStep";

  /** A partitioned run's step that joins its parts into the export, in input order. */
  public static final String JOIN_STEP = "joinStep";

  /**
   * In the export step's context of a partitioned run: how many partitions it has (a long). Its
   * absence means the run is not partitioned: the export step itself holds the checkpoint.
   */
  public static final String PARTITIONS = "ledgerExplode.partitions";

  /** In a partition's context: its index, from 0 (a long). */
  public static final String PARTITION_INDEX = "ledgerExplode.partition";

  /** The name Spring Batch gives the worker step's execution for the partition {@code index}. */
  public static String partitionExecutionName(int index) {
    return PARTITION_STEP + ":" + partitionName(index);
  }

  /** The index of the partition whose execution this is ({@link #partitionExecutionName}). */
  public static int partitionIndex(String executionName) {
    String prefix = PARTITION_STEP + ":partition";
    if (!executionName.startsWith(prefix)) {
      throw new IllegalArgumentException("Not a partition's execution: " + executionName);
    }
    return Integer.parseInt(executionName.substring(prefix.length()));
  }

  /** The partition's name, as the partitioner gives it. */
  public static String partitionName(int index) {
    return "partition" + index;
  }

  /** The prefix of the run's counts in the export step's context. */
  public static final String COUNTS = "exportWriter";

  /** Where a failed execution keeps the one line that says why, for {@code status}. */
  public static final String FAILURE = "ledgerExplode.failure";

  private ExportJobNames() {}
}
