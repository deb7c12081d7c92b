package com.ledgerexplode.export.sink;

import com.ledgerexplode.export.outcome.ExportCounts;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a finished run says of its export. {@code settings} are the run's settings as given; the
 * {@link ManifestWriter} masks any that look like secrets. The files' sizes and hashes are taken by
 * the writer from the files themselves.
 */
public record Manifest(
    long executionId,
    String status,
    Instant startTime,
    Instant endTime,
    Map<String, String> settings,
    ExportCounts counts) {

  public Manifest {
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }
}
