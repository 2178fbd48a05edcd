package org.edgenas.onnx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each network tensor lives in the graph, as float32 and/or float16. Asking for a tensor in
 * the other precision adds one Cast (cached), so Casts appear only where precisions meet.
 */
final class ValueTable {
  private final OnnxGraph graph;
  private final Map<Integer, String> floats = new HashMap<>();
  private final Map<Integer, String> halves = new HashMap<>();

  ValueTable(OnnxGraph graph) {
    this.graph = graph;
  }

  void define(int tensor, boolean half, String name) {
    if ((half ? halves : floats).put(tensor, name) != null) throw new IllegalStateException("tensor " + tensor + " defined twice");
  }

  String get(int tensor, boolean half) {
    Map<Integer, String> wanted = half ? halves : floats;
    String name = wanted.get(tensor);
    if (name != null) return name;
    String other = (half ? floats : halves).get(tensor);
    if (other == null) throw new IllegalStateException("tensor " + tensor + " used before it is computed");
    // ONNX TensorProto.DataType: FLOAT = 1, FLOAT16 = 10
    String cast = graph.node("Cast", other + (half ? "/fp16" : "/fp32"), List.of(other),
        OnnxGraph.integer("to", half ? 10 : 1));
    wanted.put(tensor, cast);
    return cast;
  }
}
