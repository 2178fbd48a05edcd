/**
 * Initial weights from a checkpoint: the named tensors of a file ({@link
 * org.edgenas.checkpoint.Checkpoint}: an Ultralytics ONNX export or edgenas's own), mapped by
 * name onto the parameters of an {@link org.edgenas.arch.Network} ({@link
 * org.edgenas.checkpoint.CheckpointImport}), with what was and was not transferred recorded
 * ({@link org.edgenas.checkpoint.ImportedWeights}). Plain Java: the ONNX file is read by {@code
 * onnx.OnnxCheckpointReader}.
 */
package org.edgenas.checkpoint;
