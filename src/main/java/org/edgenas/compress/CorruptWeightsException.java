package org.edgenas.compress;

import java.nio.file.Path;

/** A weights file that cannot be trusted: truncated, checksum mismatch, unknown format or version, or not the expected parent. */
public final class CorruptWeightsException extends RuntimeException {
  private final Path file;

  public CorruptWeightsException(Path file, String reason) {
    super(file + ": " + reason);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
