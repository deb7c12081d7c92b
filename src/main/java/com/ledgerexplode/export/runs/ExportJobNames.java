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

  /** The prefix of the run's counts in the export step's context. */
  public static final String COUNTS = "exportWriter";

  /** Where a failed execution keeps the one line that says why, for {@code status}. */
  public static final String FAILURE = "ledgerExplode.failure";

  private ExportJobNames() {}
}
