package org.edgenas.compress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.edgenas.arch.Network;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;
import org.edgenas.common.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trained parents shared across candidates, within a run and across resumes: one {@link
 * WeightsFile} per {@link ParentKey} in a folder, plus the most recently used few in memory.
 * {@link #computeIfAbsent} trains a missing parent once even when several threads ask for it at
 * the same time (a lock per key); a damaged file is reported, set aside as {@code *.corrupt} and
 * trained again, never half-loaded. Beside a parent's weights, the per-step losses of the training
 * that made it ({@link #putLosses}), so that a reused parent still has its loss curve. Thread-safe.
 */
public final class ParentStore {
  private static final Logger LOG = LoggerFactory.getLogger(ParentStore.class);

  private final Path folder;
  private final int inMemory;
  private final Map<ParentKey, Weights> recent;
  private final ConcurrentHashMap<ParentKey, Object> locks = new ConcurrentHashMap<>();
  private final AtomicInteger trained = new AtomicInteger();
  private final AtomicInteger loaded = new AtomicInteger();

  /** A store in {@code folder} (created when missing) keeping up to {@code inMemory} parents in memory. */
  public ParentStore(Path folder, int inMemory) {
    if (inMemory < 0) throw new IllegalArgumentException("inMemory must be at least 0, was " + inMemory);
    this.folder = folder;
    this.inMemory = inMemory;
    this.recent = new LinkedHashMap<>(16, 0.75f, true);
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the parent store " + folder + ": " + e.getMessage(), e);
    }
  }

  public Path fileOf(ParentKey key) {
    return folder.resolve(key.fileName());
  }

  /**
   * The parent's weights from memory or disk, if stored.
   *
   * @throws CorruptWeightsException when the file is damaged or does not fit {@code parent}
   */
  public Optional<Weights> get(ParentKey key, Network parent) {
    checkMatches(key, parent);
    Weights w = remembered(key);
    if (w != null) return Optional.of(w);
    Path file = fileOf(key);
    if (!Files.exists(file)) return Optional.empty();
    w = WeightsFile.read(file, key.canonical(), ParamSpec.of(parent));
    loaded.incrementAndGet();
    remember(key, w);
    return Optional.of(w);
  }

  /** Stores a trained parent (atomically replacing any earlier file). */
  public void put(ParentKey key, Network parent, Weights weights) {
    checkMatches(key, parent);
    WeightsFile.write(fileOf(key), key.canonical(), ParamSpec.of(parent), weights);
    remember(key, weights);
  }

  /**
   * The stored parent, or {@code train}'s result stored first. Concurrent callers with the same
   * key wait for one training; different keys proceed in parallel.
   */
  public Weights computeIfAbsent(ParentKey key, Network parent, Supplier<Weights> train) {
    Weights w = remembered(key);
    if (w != null) return w;
    synchronized (locks.computeIfAbsent(key, k -> new Object())) {
      try {
        Optional<Weights> stored = get(key, parent);
        if (stored.isPresent()) return stored.get();
      } catch (CorruptWeightsException e) {
        LOG.warn("parent {} is unusable and will be trained again: {}", key.canonical(), e.getMessage());
        setAside(e.file());
      }
      Weights fresh = train.get();
      trained.incrementAndGet();
      put(key, parent, fresh);
      return fresh;
    }
  }

  /**
   * Stores the per-step losses of the training that made the parent of {@code key} (atomically;
   * a non-finite step is written as NaN). Written before its weights, so stored weights have them.
   */
  public void putLosses(ParentKey key, float[] losses) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < losses.length; i++) s.append(i == 0 ? "" : "\t").append(Float.isFinite(losses[i]) ? Float.toString(losses[i]) : "NaN");
    AtomicFiles.writeString(lossesFile(key), s.append('\n').toString());
  }

  /**
   * The per-step losses of the training that made the parent of {@code key}; empty when none were
   * stored (a parent stored by an older edgenas) or the file is damaged (reported, then treated as absent).
   */
  public Optional<float[]> losses(ParentKey key) {
    Path file = lossesFile(key);
    if (!Files.exists(file)) return Optional.empty();
    try {
      String[] cells = Files.readString(file).strip().split("\t");
      float[] out = new float[cells.length];
      for (int i = 0; i < cells.length; i++) out[i] = Float.parseFloat(cells[i]);
      return Optional.of(out);
    } catch (IOException | NumberFormatException e) {
      LOG.warn("the loss curve {} of a stored parent is unreadable and is ignored: {}", file, e.getMessage());
      return Optional.empty();
    }
  }

  private Path lossesFile(ParentKey key) {
    return folder.resolve(key.fileName().replaceFirst("\\.weights$", "") + ".losses");
  }

  /** How many parents this store trained (ran a supplier for). */
  public int trainedCount() {
    return trained.get();
  }

  /** How many parents this store read from disk. */
  public int loadedCount() {
    return loaded.get();
  }

  private static void checkMatches(ParentKey key, Network parent) {
    String hash = parent.architecture().parentHash();
    if (!hash.equals(key.parentHash())) {
      throw new IllegalArgumentException("network " + parent.architecture().name() + " has parent hash " + hash + ", the key says " + key.parentHash());
    }
    if (parent.architecture().layers().stream().anyMatch(l -> l.prune() != 0)) throw new IllegalArgumentException("a parent network must be unpruned (lower Architecture.uncompressed())");
  }

  private void setAside(Path file) {
    try {
      Files.move(file, file.resolveSibling(file.getFileName() + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set aside the damaged " + file + ": " + e.getMessage(), e);
    }
  }

  private Weights remembered(ParentKey key) {
    synchronized (recent) {
      return recent.get(key);
    }
  }

  private void remember(ParentKey key, Weights w) {
    if (inMemory == 0) return;
    synchronized (recent) {
      recent.put(key, w);
      while (recent.size() > inMemory) recent.remove(recent.keySet().iterator().next());
    }
  }
}
