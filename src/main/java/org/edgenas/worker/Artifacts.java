package org.edgenas.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.common.Sha256;

/**
 * Artifact files in a store both sides reach (a folder, local or shared): described by a {@code
 * file:} URI and a SHA-256, fetched by copying after the digest is checked.
 */
public final class Artifacts {
  private Artifacts() {}

  public static EvaluationResult.Artifact describe(String name, Path file) {
    return new EvaluationResult.Artifact(name, file.toAbsolutePath().normalize().toUri().toString(), Sha256.hex(file), size(file));
  }

  /** True when the file at the artifact's URI exists and has its SHA-256. */
  public static boolean intact(EvaluationResult.Artifact a) {
    Path p = pathOf(a);
    return Files.isRegularFile(p) && Sha256.hex(p).equals(a.sha256());
  }

  /** Copies the artifact to {@code target} after checking its digest; fails with a sentence naming the URI. */
  public static void fetch(EvaluationResult.Artifact a, Path target) {
    Path p = pathOf(a);
    if (!Files.isRegularFile(p)) throw new IllegalStateException("artifact " + a.uri() + " is not reachable from this machine");
    String got = Sha256.hex(p);
    if (!got.equals(a.sha256())) throw new IllegalStateException("artifact " + a.uri() + " has SHA-256 " + got + ", the result says " + a.sha256());
    try {
      Path tmp = Files.createTempFile(Files.createDirectories(target.toAbsolutePath().getParent()), "." + target.getFileName(), ".tmp");
      Files.copy(p, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + a.uri() + " to " + target + ": " + e.getMessage(), e);
    }
  }

  static Path pathOf(EvaluationResult.Artifact a) {
    URI uri = URI.create(a.uri());
    if (!"file".equals(uri.getScheme())) throw new IllegalStateException("artifact " + a.uri() + ": only file: URIs are supported");
    return Path.of(uri);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
