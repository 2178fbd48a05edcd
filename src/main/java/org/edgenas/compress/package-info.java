/**
 * Model compression around the trained parent: structured channel pruning of a parent's weights
 * into the smaller network a pruned {@link org.edgenas.arch.Architecture} lowers to
 * ({@link org.edgenas.compress.ChannelPruner}), and the on-disk store of trained parents shared by
 * every candidate that differs only in pruning ratios and bit widths
 * ({@link org.edgenas.compress.ParentStore}). Plain Java: no DJL, no ONNX Runtime.
 */
package org.edgenas.compress;
