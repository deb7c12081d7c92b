package com.ledgerexplode.export.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The three files of an export {@code name.jsonl}: the export, its rejects and its manifest. */
public final class ExportFiles {
  public static final String EXTENSION = ".jsonl";

  private ExportFiles() {}

  public static void check(Path output) {
    if (!output.getFileName().toString().endsWith(EXTENSION)
        || output.getFileName().toString().equals(EXTENSION)) {
      throw new IllegalArgumentException(
          "The export's name must end in " + EXTENSION + ": " + output);
    }
  }

  /** {@code out/name.jsonl} becomes {@code out/name + suffix}. */
  public static Path sibling(Path output, String suffix) {
    check(output);
    String name = output.getFileName().toString();
    return output.resolveSibling(name.substring(0, name.length() - EXTENSION.length()) + suffix);
  }

  public static Path rejects(Path output) {
    return sibling(output, ".rejects.jsonl");
  }

  /** Why a new run refuses a file of its export that it did not write. */
  public static String notThisRunsMessage(Path file) {
    return "The export "
        + file
        + " is already there and this run did not write it; give the export another name"
        + " (${runDate} in output names one per night), move it away, or set overwrite=true to"
        + " replace it";
  }

  /** The first file of this export that is already there with content, if any. */
  public static Optional<Path> firstAlreadyThere(Path output) throws IOException {
    for (Path file : of(output)) {
      if (Files.exists(file) && Files.size(file) > 0) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  /** The three files of this export: itself, its rejects, its manifest. */
  public static List<Path> of(Path output) {
    return List.of(output, rejects(output), manifest(output));
  }

  /**
   * Where a partitioned run writes its parts before joining them into the export: {@code
   * out/name.parts/}, removed once the manifest is written.
   */
  public static Path parts(Path output) {
    return sibling(output, ".parts");
  }

  /**
   * The export of partition {@code index} (from 0) of {@code partitions}: {@code
   * out/name.parts/part-02-of-04.jsonl} for the third of four, its rejects beside it.
   */
  public static Path part(Path output, int index, int partitions) {
    int digits = Integer.toString(partitions).length();
    String number = "%0" + digits + "d";
    return parts(output)
        .resolve(
            "part-"
                + String.format(Locale.ROOT, number, index + 1)
                + "-of-"
                + partitions
                + EXTENSION);
  }

  public static Path manifest(Path output) {
    return sibling(output, ".manifest.json");
  }
}
