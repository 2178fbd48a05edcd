/**
 * ONNX export: an {@link org.edgenas.arch.Network} plus {@link org.edgenas.arch.Weights} becomes a
 * runnable, deterministic ONNX file in the Ultralytics detect layout, with BatchNorm and GhostNetV3
 * branches folded, per-layer float16 or int8 QDQ precision, optional NonMaxSuppression end and
 * provenance in its metadata. Entry point: {@link org.edgenas.onnx.OnnxExporter}.
 */
package org.edgenas.onnx;
