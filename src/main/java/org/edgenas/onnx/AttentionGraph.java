package org.edgenas.onnx;

import static org.edgenas.onnx.OnnxGraph.integer;
import static org.edgenas.onnx.OnnxGraph.ints;

import java.util.List;
import org.edgenas.arch.Op;
import org.edgenas.arch.Shape;

/**
 * The YOLO11 attention core as ONNX: qkv [1, heads·(2kd+hd), H, W] → Reshape [1, heads, 2kd+hd, N]
 * → Split on axis 2 into q, k, v; attn = Softmax(MatMul(qᵀ, k)·kd^-½) over the last axis;
 * out = MatMul(v, attnᵀ) → Reshape [1, heads·hd, H, W]. The values-only variant is v reshaped.
 * Split takes its sizes as an input, as in every opset from 13 on.
 */
final class AttentionGraph {
  private AttentionGraph() {}

  static String emit(GraphEmitter e, Op.Attention a, boolean half, String out) {
    OnnxGraph g = e.graph;
    Shape in = e.net.shape(a.input());
    int n = in.h() * in.w();
    int per = 2 * a.keyDim() + a.headDim();
    String heads = g.node("Reshape", out + "/heads", List.of(e.in(a.input(), half), g.int64Const(1, a.heads(), per, n)));
    List<String> qkv = g.nodeWithOutputs("Split", List.of(out + "/q", out + "/k", out + "/v"),
        List.of(heads, g.int64Const(a.keyDim(), a.keyDim(), a.headDim())), integer("axis", 2));
    List<Long> shape = List.of(1L, (long) a.heads() * a.headDim(), (long) in.h(), (long) in.w());
    String outShape = g.int64Const(shape.stream().mapToLong(Long::longValue).toArray());
    if (a.valuesOnly()) return g.node("Reshape", out, List.of(qkv.get(2), outShape));
    String qT = g.node("Transpose", out + "/qT", List.of(qkv.get(0)), ints("perm", 0, 1, 3, 2));
    String scores = g.node("MatMul", out + "/scores", List.of(qT, qkv.get(1)));
    String scaled = g.node("Mul", out + "/scaled", List.of(scores, g.scalar((float) Math.pow(a.keyDim(), -0.5), half)));
    String attn = g.node("Softmax", out + "/attn", List.of(scaled), integer("axis", -1));
    String attnT = g.node("Transpose", out + "/attnT", List.of(attn), ints("perm", 0, 1, 3, 2));
    String mixed = g.node("MatMul", out + "/mixed", List.of(qkv.get(2), attnT));
    return g.node("Reshape", out, List.of(mixed, outShape));
  }
}
