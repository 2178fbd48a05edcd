package org.edgenas.latency;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Tiny ONNX models written with the protobuf classes (opset 17, IR version 8), for tests and benchmarks. */
public final class TinyOnnxModels {
  private TinyOnnxModels() {}

  /**
   * images[1,3,size,size] → (Conv 3×3 pad 1 → Sigmoid) × layers → output[1,channels,size,size],
   * with seeded weights.
   */
  public static byte[] convSigmoid(int size, int channels, int layers) {
    GraphProto.Builder graph = GraphProto.newBuilder().setName("tiny_conv")
        .addInput(tensor("images", TensorProto.DataType.FLOAT, 1, 3, size, size))
        .addOutput(tensor("output", TensorProto.DataType.FLOAT, 1, channels, size, size));
    SplittableRandom random = new SplittableRandom(7);
    String previous = "images";
    int inChannels = 3;
    for (int layer = 0; layer < layers; layer++) {
      String w = "conv" + layer + ".weight";
      String b = "conv" + layer + ".bias";
      graph.addInitializer(floats(w, random, channels, inChannels, 3, 3));
      graph.addInitializer(floats(b, random, channels));
      String conv = "conv" + layer;
      String act = layer == layers - 1 ? "output" : "act" + layer;
      graph.addNode(NodeProto.newBuilder().setOpType("Conv").setName(conv)
          .addInput(previous).addInput(w).addInput(b).addOutput(conv)
          .addAttribute(ints("kernel_shape", 3, 3))
          .addAttribute(ints("pads", 1, 1, 1, 1)));
      graph.addNode(NodeProto.newBuilder().setOpType("Sigmoid").setName(act).addInput(conv).addOutput(act));
      previous = act;
      inChannels = channels;
    }
    return model(graph);
  }

  /** The default tiny detector stand-in: images[1,3,32,32] → Conv(8) → Sigmoid → Conv(8) → Sigmoid. */
  public static byte[] tinyImageModel() {
    return convSigmoid(32, 8, 2);
  }

  /** x[1,10] → Sigmoid → y: a valid model whose input is not an image. */
  public static byte[] vectorModel() {
    GraphProto.Builder graph = GraphProto.newBuilder().setName("vector")
        .addInput(tensor("x", TensorProto.DataType.FLOAT, 1, 10))
        .addOutput(tensor("y", TensorProto.DataType.FLOAT, 1, 10))
        .addNode(NodeProto.newBuilder().setOpType("Sigmoid").setName("sigmoid").addInput("x").addOutput("y"));
    return model(graph);
  }

  /** Writes {@code bytes} to {@code dir/name} and returns the path. */
  public static Path write(Path dir, String name, byte[] bytes) {
    try {
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] model(GraphProto.Builder graph) {
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("edgenas-tests")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
        .setGraph(graph)
        .build()
        .toByteArray();
  }

  private static ValueInfoProto tensor(String name, TensorProto.DataType type, long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : dims) shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    return ValueInfoProto.newBuilder().setName(name)
        .setType(TypeProto.newBuilder().setTensorType(
            TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
        .build();
  }

  private static TensorProto floats(String name, SplittableRandom random, long... dims) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber());
    long count = 1;
    for (long d : dims) {
      t.addDims(d);
      count *= d;
    }
    for (long i = 0; i < count; i++) t.addFloatData((float) (random.nextDouble() - 0.5));
    return t.build();
  }

  private static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) a.addInts(v);
    return a.build();
  }
}
