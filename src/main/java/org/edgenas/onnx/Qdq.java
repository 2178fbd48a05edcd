package org.edgenas.onnx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Int8 QDQ for one graph: activations as uint8 with a zero point from their calibrated range
 * (the range always includes 0), weights as symmetric per-output-channel int8 (axis 0, values in
 * ±127), biases as int32 with scale (activation scale × weight scale). ONNX Runtime fuses
 * DequantizeLinear → Conv → QuantizeLinear into a quantized convolution.
 */
final class Qdq {
  private final OnnxGraph graph;
  private final Map<String, float[]> ranges;
  private final Map<String, String> quantized = new HashMap<>();

  Qdq(OnnxGraph graph, Map<String, float[]> ranges) {
    this.graph = graph;
    this.ranges = ranges;
  }

  /** Activation scale and zero point for a range [min, max]. */
  static float[] activationParams(float min, float max) {
    double lo = Math.min(min, 0);
    double hi = Math.max(max, 0);
    double scale = hi > lo ? (hi - lo) / 255 : 1;
    long zero = Math.max(0, Math.min(255, Math.round(-lo / scale)));
    return new float[] {(float) scale, zero};
  }

  /** Per-channel symmetric scales of a [cout, ...] weight: max|w| / 127 (1 for an all-zero channel). */
  static float[] weightScales(float[] weight, int cout) {
    int per = weight.length / cout;
    float[] scales = new float[cout];
    for (int o = 0; o < cout; o++) {
      float max = 0;
      for (int i = 0; i < per; i++) max = Math.max(max, Math.abs(weight[o * per + i]));
      scales[o] = max > 0 ? max / 127f : 1f;
    }
    return scales;
  }

  float activationScale(String key) {
    return params(key)[0];
  }

  private float[] params(String key) {
    float[] range = ranges.get(key);
    if (range == null) throw new IllegalStateException("no calibration range for " + key);
    return activationParams(range[0], range[1]);
  }

  /** {@code value} (float, range known by {@code key}) through QuantizeLinear → DequantizeLinear; cached per key. */
  String activation(String key, String value) {
    String done = quantized.get(key);
    if (done != null) return done;
    float[] p = params(key);
    String scale = graph.floats(key + "/q_scale", new float[] {p[0]}, false);
    String zero = graph.bytes(key + "/q_zero_point", new int[] {(int) p[1]}, true);
    String q = graph.node("QuantizeLinear", key + "/QuantizeLinear", List.of(value, scale, zero));
    String dq = graph.node("DequantizeLinear", key + "/DequantizeLinear", List.of(q, scale, zero));
    quantized.put(key, dq);
    return dq;
  }

  /** The folded weight as int8 per channel plus its DequantizeLinear; returns the float weight name. */
  String weight(String base, FoldedConv f, float[] scales) {
    int[] q = new int[f.weight().length];
    int per = q.length / f.cout();
    for (int i = 0; i < q.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(f.weight()[i] / scales[i / per])));
    String values = graph.bytes(base + ".weight_q", q, false, f.cout(), f.cinPerGroup(), f.k(), f.k());
    String scale = graph.floats(base + ".weight_scale", scales, false, f.cout());
    String zero = graph.bytes(base + ".weight_zero_point", new int[f.cout()], false, f.cout());
    return graph.node("DequantizeLinear", base + ".weight_dq", List.of(values, scale, zero), OnnxGraph.integer("axis", 0));
  }

  /** The bias as int32 with scale inputScale·weightScale[c], plus its DequantizeLinear. */
  String bias(String base, float[] bias, float inputScale, float[] weightScales) {
    int[] q = new int[bias.length];
    float[] scales = new float[bias.length];
    for (int c = 0; c < bias.length; c++) {
      scales[c] = inputScale * weightScales[c];
      q[c] = (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE, Math.round((double) bias[c] / scales[c])));
    }
    String values = graph.int32s(base + ".bias_q", q, bias.length);
    String scale = graph.floats(base + ".bias_scale", scales, false, bias.length);
    return graph.node("DequantizeLinear", base + ".bias_dq", List.of(values, scale), OnnxGraph.integer("axis", 0));
  }
}
