package org.edgenas.run;

import org.edgenas.recipe.Recipe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.edgenas.common.BadInputException;

/**
 * A run folder {@code results/<run>/} held by one process: an OS file lock on {@code .lock}
 * (released by the OS if the process dies, so a killed run can be resumed) refuses a second run
 * writing the same folder. Knows the layout and the recipe hash that ties the folder to its inputs.
 */
public final class RunFolder implements AutoCloseable {
  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private RunFolder(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Creates (if needed) and locks the folder; refuses it when another run holds it. */
  public static RunFolder lock(Path dir) {
    try {
      Files.createDirectories(dir);
      FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new BadInputException(dir + " is in use by another edgenas run (its .lock is held); wait for it or pick another --run");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
      return new RunFolder(dir, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + dir + ": " + e.getMessage(), e);
    }
  }

  public Path dir() {
    return dir;
  }

  public Path runJson() {
    return dir.resolve("run.json");
  }

  public Path inputs() {
    return dir.resolve("inputs");
  }

  public Path evaluations() {
    return dir.resolve("evaluations.jsonl");
  }

  public Path checkpoints() {
    return dir.resolve("checkpoints");
  }

  public Path front() {
    return dir.resolve("pareto").resolve("front.json");
  }

  /** The recipe hash recorded in a folder's run.json ({@link RunRecord}); null when it has none. */
  public static String recordedHash(Path dir) {
    Path runJson = dir.resolve("run.json");
    return Files.exists(runJson) ? RunRecord.read(runJson).recipeHash() : null;
  }

  /** SHA-256 over every input file: its path relative to the recipe root and its bytes. */
  public static String recipeHash(Recipe recipe) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path p : recipe.inputs()) {
        sha.update(relativeName(recipe.root(), p).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(Files.readAllBytes(p));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a recipe input: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A file's name in {@code inputs/}: relative to the root when inside it, else under {@code external/}. */
  public static String relativeName(Path root, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(root) ? root.relativize(abs).toString() : "external/" + abs.getFileName();
  }

  /** Copies every input of the recipe into {@code inputs/} under its relative name. */
  public void copyInputs(Recipe recipe) {
    try {
      for (Path p : recipe.inputs()) {
        Path target = inputs().resolve(relativeName(recipe.root(), p));
        Files.createDirectories(target.getParent());
        Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the inputs into " + inputs() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release " + dir.resolve(".lock"), e);
    }
  }
}
