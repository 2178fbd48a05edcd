package org.edgenas.eval;

import org.edgenas.arch.Architecture;
import org.edgenas.arch.Weights;

/**
 * Where a {@link ProxyEvaluation} takes a candidate's float, unpruned parent from instead of a
 * proxy training (a trained supernet: {@link SupernetParents}); the compression genes are then
 * applied to it exactly as to a proxy-trained parent.
 */
public interface InheritedParents {
  /** The weights of {@code parent}, an uncompressed architecture. */
  Weights parent(Architecture parent);

  /** How {@code parent}'s weights were made, for the method string (no trailing punctuation). */
  String describe(Architecture parent);
}
