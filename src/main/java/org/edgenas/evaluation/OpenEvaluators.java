package org.edgenas.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The evaluators a search made, closed together when it ends, normally or by an exception (use it
 * in try-with-resources). Each is closed once, the last made first; a failing close does not stop
 * the others, and the first failure is thrown with the later ones suppressed.
 */
public final class OpenEvaluators implements AutoCloseable {
  private final List<Evaluator> opened = new ArrayList<>();
  private final Set<Evaluator> seen = Collections.newSetFromMap(new IdentityHashMap<>());

  /** Takes ownership of {@code evaluators} (each once) and returns them. */
  public synchronized <T extends Evaluator> List<T> own(List<T> evaluators) {
    for (T e : evaluators) if (seen.add(e)) opened.add(e);
    return evaluators;
  }

  @Override
  public synchronized void close() {
    RuntimeException failure = null;
    for (Evaluator e : opened.reversed()) {
      try {
        e.close();
      } catch (RuntimeException ex) {
        RuntimeException wrapped = new IllegalStateException("cannot close the evaluator " + e.name() + ": " + ex.getMessage(), ex);
        if (failure == null) failure = wrapped;
        else failure.addSuppressed(wrapped);
      }
    }
    opened.clear();
    if (failure != null) throw failure;
  }
}
