package org.edgenas.onnx;

import static org.edgenas.onnx.OnnxGraph.integer;
import static org.edgenas.onnx.OnnxGraph.ints;
import static org.edgenas.onnx.OnnxGraph.real;
import static org.edgenas.onnx.OnnxGraph.text;

import ai.onnx.proto.OnnxMl.AttributeProto;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.arch.Act;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;
import org.edgenas.arch.Shape;
import org.edgenas.arch.Weights;

/**
 * Emits a network's ops into an {@link OnnxGraph}, each in its layer's {@link Precision}. In
 * calibration mode everything is float32 and the activations that 8-bit convolutions would
 * quantize are recorded as taps (key → tensor name) for the calibration pass; in final mode
 * those keys' calibrated ranges drive the QDQ nodes. Tensor ids become names {@code t<id>}
 * (the image is {@code images}), intermediates {@code t<id>/...}, conv internals {@code <conv name>.*}.
 */
final class GraphEmitter {
  final OnnxGraph graph;
  final Network net;
  final Weights weights;
  final ExportOptions options;
  final ValueTable values;
  private final boolean calibration;
  private final Qdq qdq;
  private final Map<String, String> taps = new LinkedHashMap<>();

  GraphEmitter(OnnxGraph graph, Network net, Weights weights, ExportOptions options, Map<String, float[]> ranges) {
    this.graph = graph;
    this.net = net;
    this.weights = weights;
    this.options = options;
    this.values = new ValueTable(graph);
    this.calibration = ranges == null;
    this.qdq = calibration ? null : new Qdq(graph, ranges);
    values.define(net.input(), false, "images");
  }

  /** The calibration taps recorded so far: range key → float tensor name. */
  Map<String, String> taps() {
    return taps;
  }

  int bitsOf(Op op) {
    return options.bits() != 0 ? options.bits() : net.architecture().layers().get(op.layer()).bits();
  }

  Precision precisionOf(Op op) {
    return calibration ? Precision.FLOAT : Precision.ofBits(bitsOf(op));
  }

  /** The name an op's output gets: {@code output0} for the network output in float without NMS. */
  String outputName(int tensor, boolean half) {
    return tensor == net.output() && !half && !options.nms() ? OnnxExporter.OUTPUT : "t" + tensor;
  }

  void emitAll() {
    for (Op op : net.ops()) emit(op);
  }

  private void emit(Op op) {
    Precision p = precisionOf(op);
    boolean half = p == Precision.HALF;
    String out = outputName(op.output(), half);
    String result = switch (op) {
      case Op.Conv c -> conv(c.name(), c.input(), FoldedConv.of(c, weights), c.stride(), c.groups(), c.act(), p, bitsOf(op), out);
      case Op.RepConv r -> conv(r.name(), r.input(), FoldedConv.of(r, weights), r.stride(), r.groups(), r.act(), p, bitsOf(op), out);
      case Op.Pool pool -> graph.node(pool.max() ? "MaxPool" : "AveragePool", out, List.of(in(pool.input(), half)), poolAttributes(pool));
      case Op.GlobalAvgPool g -> graph.node("GlobalAveragePool", out, List.of(in(g.input(), half)));
      case Op.Upsample u -> graph.node("Resize", out,
          List.of(in(u.input(), half), "", graph.floatConst(1, 1, u.scale(), u.scale())),
          text("mode", "nearest"), text("coordinate_transformation_mode", "asymmetric"), text("nearest_mode", "floor"));
      case Op.Concat c -> graph.node("Concat", out, c.inputs().stream().map(t -> in(t, half)).toList(), integer("axis", 1));
      case Op.Add a -> graph.node("Add", out, List.of(in(a.a(), half), in(a.b(), half)));
      case Op.Mul m -> graph.node("Mul", out, List.of(in(m.a(), half), in(m.b(), half)));
      case Op.Slice s -> graph.node("Slice", out, List.of(in(s.input(), half),
          graph.int64Const(s.from()), graph.int64Const(s.to()), graph.int64Const(1)));
      case Op.Shuffle s -> shuffle(s, half, out);
      case Op.Activation a -> activation(in(a.input(), half), a.act(), out);
      case Op.Softmax s -> graph.node("Softmax", out, List.of(in(s.input(), half)), integer("axis", 1));
      case Op.Attention a -> AttentionGraph.emit(this, a, half, out);
      case Op.Detect d -> DetectDecode.emit(this, d, out);
    };
    values.define(op.output(), half && !(op instanceof Op.Detect), result);
  }

  String in(int tensor, boolean half) {
    return values.get(tensor, half);
  }

  private static AttributeProto[] poolAttributes(Op.Pool p) {
    var kernel = ints("kernel_shape", p.k(), p.k());
    var strides = ints("strides", p.stride(), p.stride());
    var pads = ints("pads", p.pad(), p.pad(), p.pad(), p.pad());
    return p.max()
        ? new AttributeProto[] {kernel, strides, pads}
        : new AttributeProto[] {kernel, strides, pads, integer("count_include_pad", 1)};
  }

  /**
   * A folded convolution and its activation. 8-bit: the input and the raw conv output through
   * Q/DQ with calibrated ranges, int8 per-channel weights, int32 bias; 16-bit: float16 weights.
   */
  String conv(String base, int input, FoldedConv f, int stride, int groups, Act act, Precision p, int bits, String out) {
    boolean half = p == Precision.HALF;
    String x = in(input, half);
    String inputKey = input == net.input() ? "images" : "t" + input;
    String rawKey = base + ".conv_out";
    String raw = act == Act.NONE ? out : rawKey;
    String w;
    String b;
    if (p == Precision.INT8) {
      x = qdq.activation(inputKey, x);
      float[] scales = Qdq.weightScales(f.weight(), f.cout());
      w = qdq.weight(base, f, scales);
      b = qdq.bias(base, f.bias(), qdq.activationScale(inputKey), scales);
    } else {
      w = graph.floats(base + ".weight", f.weight(), half, f.cout(), f.cinPerGroup(), f.k(), f.k());
      b = graph.floats(base + ".bias", f.bias(), half, f.cout());
    }
    int pad = f.k() / 2;
    String conv = graph.node("Conv", p == Precision.INT8 ? rawKey + "/float" : raw, List.of(x, w, b),
        ints("kernel_shape", f.k(), f.k()), ints("strides", stride, stride), ints("pads", pad, pad, pad, pad),
        ints("dilations", 1, 1), integer("group", groups));
    if (p == Precision.INT8) {
      String dq = qdq.activation(rawKey, conv);
      conv = act == Act.NONE ? graph.node("Identity", out, List.of(dq)) : dq;
    }
    if (calibration && bits == 8) {
      taps.putIfAbsent(inputKey, x);
      taps.put(rawKey, conv);
    }
    return act == Act.NONE ? conv : activation(conv, act, out);
  }

  /** An activation from {@code x} to {@code out}; SiLU as x·sigmoid(x), HardSigmoid as PyTorch's (x/6 + 1/2 clipped). */
  String activation(String x, Act act, String out) {
    return switch (act) {
      case SILU -> graph.node("Mul", out, List.of(x, graph.node("Sigmoid", out + "/sigmoid", List.of(x))));
      case RELU -> graph.node("Relu", out, List.of(x));
      case SIGMOID -> graph.node("Sigmoid", out, List.of(x));
      case HARD_SIGMOID -> graph.node("HardSigmoid", out, List.of(x), real("alpha", 1f / 6), real("beta", 0.5f));
      case NONE -> graph.node("Identity", out, List.of(x));
    };
  }

  /** Channel shuffle: reshape [1, g, C/g, H, W], swap the two channel axes, flatten back. */
  private String shuffle(Op.Shuffle s, boolean half, String out) {
    Shape sh = net.shape(s.input());
    int g = s.groups();
    String split = graph.node("Reshape", out + "/groups", List.of(in(s.input(), half),
        graph.int64Const(1, g, sh.c() / g, sh.h(), sh.w())));
    String swapped = graph.node("Transpose", out + "/swap", List.of(split), ints("perm", 0, 2, 1, 3, 4));
    return graph.node("Reshape", out, List.of(swapped, graph.int64Const(1, sh.c(), sh.h(), sh.w())));
  }
}
