/**
 * The weight-sharing supernet of a search space, without any framework: which (layer, block kind)
 * owns which shared tensors ({@link org.edgenas.supernet.SharedWeights}), how a sampled path's
 * parameters are sliced out of them ({@link org.edgenas.supernet.PathSlices}: the first repeats,
 * then a channel prefix found by the pruner), and the supernet file. Training lives in
 * {@code org.edgenas.train.supernet}.
 */
package org.edgenas.supernet;
