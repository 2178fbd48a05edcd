package org.edgenas.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A graph under construction on the ONNX protobuf classes: nodes named after their (first) output,
 * initializers in little-endian raw data, small int64/float constants shared by content. Names
 * must be unique; a clash is a programming error.
 */
final class OnnxGraph {
  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final Set<String> names = new HashSet<>();

  OnnxGraph(String name) {
    graph.setName(name);
  }

  GraphProto.Builder proto() {
    return graph;
  }

  /** Adds a node with one output named {@code output} and returns that name. */
  String node(String opType, String output, List<String> inputs, AttributeProto... attributes) {
    return nodeWithOutputs(opType, List.of(output), inputs, attributes).getFirst();
  }

  List<String> nodeWithOutputs(String opType, List<String> outputs, List<String> inputs, AttributeProto... attributes) {
    for (String o : outputs) claim(o);
    NodeProto.Builder node = NodeProto.newBuilder().setOpType(opType).setName(outputs.getFirst())
        .addAllInput(inputs).addAllOutput(outputs);
    for (AttributeProto a : attributes) node.addAttribute(a);
    graph.addNode(node);
    return outputs;
  }

  private void claim(String name) {
    if (!names.add(name)) throw new IllegalStateException("duplicate ONNX tensor name " + name);
  }

  /** A float32 (or float16 when {@code half}) initializer. */
  String floats(String name, float[] values, boolean half, long... dims) {
    checkSize(name, values.length, dims);
    ByteBuffer raw = ByteBuffer.allocate(values.length * (half ? 2 : 4)).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      if (half) raw.putShort(Float.floatToFloat16(v));
      else raw.putFloat(v);
    }
    return initializer(name, half ? DataType.FLOAT16 : DataType.FLOAT, raw, dims);
  }

  String int64s(String name, long[] values, long... dims) {
    checkSize(name, values.length, dims);
    ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) raw.putLong(v);
    return initializer(name, DataType.INT64, raw, dims);
  }

  String int32s(String name, int[] values, long... dims) {
    checkSize(name, values.length, dims);
    ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) raw.putInt(v);
    return initializer(name, DataType.INT32, raw, dims);
  }

  /** An INT8 or UINT8 initializer (the low byte of each value). */
  String bytes(String name, int[] values, boolean unsigned, long... dims) {
    checkSize(name, values.length, dims);
    ByteBuffer raw = ByteBuffer.allocate(values.length);
    for (int v : values) raw.put((byte) v);
    return initializer(name, unsigned ? DataType.UINT8 : DataType.INT8, raw, dims);
  }

  private String initializer(String name, DataType type, ByteBuffer raw, long... dims) {
    claim(name);
    raw.flip();
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
        .setRawData(ByteString.copyFrom(raw));
    for (long d : dims) t.addDims(d);
    graph.addInitializer(t);
    return name;
  }

  /** A shared int64 constant named by its content, e.g. {@code const.i64.1_-1}. */
  String int64Const(long... values) {
    String name = "const.i64." + join(values);
    if (names.contains(name)) return name;
    return int64s(name, values, values.length);
  }

  /** A shared int64 scalar (rank 0). */
  String int64Scalar(long value) {
    String name = "const.i64.scalar." + value;
    if (names.contains(name)) return name;
    return int64s(name, new long[] {value});
  }

  /** A shared float32 constant vector named by its content. */
  String floatConst(float... values) {
    StringBuilder b = new StringBuilder("const.f32");
    for (float v : values) b.append('.').append(v);
    String name = b.toString();
    if (names.contains(name)) return name;
    return floats(name, values, false, values.length);
  }

  /** A shared scalar float constant (float16 when {@code half}). */
  String scalar(float value, boolean half) {
    String name = "const." + (half ? "f16." : "f32.") + Float.toString(value);
    if (names.contains(name)) return name;
    return floats(name, new float[] {value}, half);
  }

  private static String join(long[] values) {
    StringBuilder b = new StringBuilder();
    for (long v : values) b.append(b.isEmpty() ? "" : "_").append(v);
    return b.toString();
  }

  private static void checkSize(String name, int length, long[] dims) {
    long n = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
    if (n != length) throw new IllegalStateException(name + ": " + length + " values for dims " + Arrays.toString(dims));
  }

  static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) a.addInts(v);
    return a.build();
  }

  static AttributeProto integer(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
  }

  static AttributeProto real(String name, float value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
  }

  static AttributeProto text(String name, String value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
        .setS(ByteString.copyFromUtf8(value)).build();
  }
}
