package org.edgenas.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;
import org.edgenas.arch.Shape;
import org.edgenas.arch.Weights;
import org.edgenas.common.EdgenasVersion;

/**
 * Exports a {@link Network} with its {@link Weights} to ONNX bytes: input {@code images} float
 * [1,3,H,W], output {@code output0} float [1, 4+nc, anchors] (Ultralytics' detect layout; see
 * {@link NmsEnd} for the {@code --nms} form), opset and IR version from the {@link ExportOptions},
 * BatchNorm and re-parameterisable branches folded, each layer at its bit width (32 float, 16
 * float16 with Casts where precisions meet, 8 int8 QDQ convolutions calibrated in ONNX Runtime),
 * provenance in {@code metadata_props}. The same inputs give byte-identical output.
 */
public final class OnnxExporter {
  public static final String INPUT = "images";
  public static final String OUTPUT = "output0";

  private OnnxExporter() {}

  public static byte[] export(Network net, Weights weights, ExportOptions options) {
    boolean int8 = net.ops().stream().anyMatch(op -> (op instanceof Op.Conv || op instanceof Op.RepConv)
        && (options.bits() != 0 ? options.bits() : net.architecture().layers().get(op.layer()).bits()) == 8);
    Map<String, float[]> ranges = Map.of();
    String calibration = "none (no 8-bit layer)";
    if (int8) {
      GraphEmitter probe = new GraphEmitter(new OnnxGraph("calibration"), net, weights, options, null);
      probe.emitAll();
      ModelProto.Builder model = model(probe, options, Map.of());
      for (String tap : Calibrator.outputs(probe.taps())) model.getGraphBuilder().addOutput(floatValue(tap, null));
      List<float[]> images = Calibrator.images(options, net.imgsz());
      ranges = Calibrator.ranges(model.build().toByteArray(), probe.taps(), images, net.imgsz());
      calibration = options.calibrationImages().isEmpty()
          ? String.format(Locale.ROOT, "synthetic: %d seeded uniform [0,1) images, seed %d (no calibration images given)",
              images.size(), options.seed())
          : images.size() + " calibration images given";
    }
    GraphEmitter emitter = new GraphEmitter(new OnnxGraph(net.architecture().name()), net, weights, options, ranges);
    emitter.emitAll();
    return model(emitter, options, ModelMetadata.of(net, options, calibration)).build().toByteArray();
  }

  private static ModelProto.Builder model(GraphEmitter emitter, ExportOptions options, Map<String, String> metadata) {
    Network net = emitter.net;
    OnnxGraph graph = emitter.graph;
    Shape in = net.shape(net.input());
    graph.proto().addInput(floatValue(INPUT, new long[] {1, in.c(), in.h(), in.w()}));
    Shape out = net.shape(net.output());
    boolean detect = net.ops().getLast() instanceof Op.Detect;
    String result = emitter.values.get(net.output(), false);
    if (options.nms()) {
      if (!detect) throw new IllegalArgumentException("--nms needs a network that ends in a Detect head");
      NmsEnd.append(graph, result, out.c() - 4, options);
      graph.proto().addOutput(floatValue(OUTPUT, new long[] {-1, 6}));
    } else {
      if (!result.equals(OUTPUT)) graph.node("Identity", OUTPUT, List.of(result));
      graph.proto().addOutput(floatValue(OUTPUT, detect ? new long[] {1, out.c(), out.w()} : new long[] {1, out.c(), out.h(), out.w()}));
    }
    ModelProto.Builder model = ModelProto.newBuilder()
        .setIrVersion(options.irVersion())
        .setProducerName("edgenas")
        .setProducerVersion(EdgenasVersion.current())
        .setDomain("org.edgenas")
        .setModelVersion(1)
        .setDocString("edgenas export of " + net.architecture().name())
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(options.opset()))
        .setGraph(graph.proto());
    for (var e : metadata.entrySet()) model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
    return model;
  }

  /** A float tensor value; {@code dims} null for an unknown shape, -1 for a dimension named {@code detections}. */
  private static ValueInfoProto floatValue(String name, long[] dims) {
    TypeProto.Tensor.Builder tensor = TypeProto.Tensor.newBuilder().setElemType(DataType.FLOAT.getNumber());
    if (dims != null) {
      TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
      for (long d : dims) {
        shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("detections")
            : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
      }
      tensor.setShape(shape);
    }
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
  }
}
