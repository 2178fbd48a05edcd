package org.edgenas.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.edgenas.common.AtomicFiles;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Json;

/** Writes checkpoints atomically and finds the latest readable one, falling back past damaged files. */
public final class Checkpoints {
  private Checkpoints() {}

  public static Path fileOf(Path dir, long generation) {
    return dir.resolve(String.format(Locale.ROOT, "gen-%04d.json", generation));
  }

  public static void write(Path dir, Checkpoint checkpoint) {
    AtomicFiles.writeString(fileOf(dir, checkpoint.generation()), Json.pretty(checkpoint));
  }

  /**
   * Reads one checkpoint. A file that is not JSON of the expected shape is an
   * {@link IllegalArgumentException} (damaged); a readable file of another format or version is a
   * {@link BadInputException} (refused, never guessed at).
   */
  public static Checkpoint read(Path file) {
    com.fasterxml.jackson.databind.JsonNode node;
    try {
      node = Json.mapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is damaged: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    if (node == null || !node.isObject()) throw new IllegalArgumentException(file + " is damaged: not a JSON object");
    String format = node.path("format").asText();
    int version = node.path("version").asInt(-1);
    if (!Checkpoint.FORMAT.equals(format) || version != Checkpoint.VERSION) {
      throw new BadInputException(file + ": format " + format + " version " + version + " is not supported (this edgenas reads "
          + Checkpoint.FORMAT + " version " + Checkpoint.VERSION + ")");
    }
    try {
      return Json.mapper().treeToValue(node, Checkpoint.class);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(file + " is damaged: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  private static long number(Path file) {
    String name = file.getFileName().toString();
    return Long.parseLong(name.substring(4, name.length() - 5));
  }

  /** The newest checkpoint that reads; every damaged newer one is reported to {@code warn}. */
  public static Optional<Checkpoint> latest(Path dir, Consumer<String> warn) {
    if (!Files.isDirectory(dir)) return Optional.empty();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().matches("gen-\\d{4,}\\.json")).sorted(java.util.Comparator.comparingLong(Checkpoints::number).reversed()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    for (Path f : files) {
      try {
        return Optional.of(read(f));
      } catch (IllegalArgumentException e) {
        warn.accept(e.getMessage() + "; using the previous checkpoint");
      }
    }
    return Optional.empty();
  }
}
