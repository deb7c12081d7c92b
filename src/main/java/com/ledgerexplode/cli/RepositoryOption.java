package com.ledgerexplode.cli;

import com.ledgerexplode.export.runs.Checkpoints;
import com.ledgerexplode.export.settings.JobSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Where the checkpoints are: the job file's repository.db, or a URL, or the default. */
final class RepositoryOption {
  @Option(
      names = "--repository",
      paramLabel = "JDBC_URL",
      description =
          "The job repository (checkpoints), instead of the job file's repository.db; default "
              + JobSettings.DEFAULT_REPOSITORY_DB)
  @Nullable String url;

  Checkpoints open(@Nullable Path jobFile) throws IOException {
    if (url != null && jobFile != null) {
      throw new UsageException("Give a job file or --repository, not both");
    }
    if (url != null) {
      return Checkpoints.open(url);
    }
    if (jobFile != null) {
      return Checkpoints.open(JobSettings.load(jobFile, List.of()).repositoryDb());
    }
    return Checkpoints.open(JobSettings.DEFAULT_REPOSITORY_DB);
  }
}
