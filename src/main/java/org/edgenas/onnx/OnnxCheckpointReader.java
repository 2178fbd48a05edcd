package org.edgenas.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.checkpoint.Checkpoint;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Sha256;

/**
 * Reads the weights of an ONNX file as a {@link Checkpoint}: every float32 or float16 initializer
 * by name (float16 widened), the {@code metadata_props}, and the SHA-256 of the file. Other
 * initializer types (int64 shape constants, int8 quantized weights) are left out. Only the
 * protobuf classes are used; nothing is run.
 */
public final class OnnxCheckpointReader {
  private OnnxCheckpointReader() {}

  /** @throws BadInputException naming the file when it is unreadable, not ONNX, truncated or holds no float tensors */
  public static Checkpoint read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read the checkpoint (" + e.getMessage() + ")", e);
    }
    ModelProto model;
    try {
      model = ModelProto.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      String tensor = firstIncompleteInitializer(bytes);
      throw new BadInputException(file + (tensor != null
          ? ": truncated after " + bytes.length + " bytes, tensor " + tensor + " is incomplete"
          : ": not a complete ONNX model (truncated or another format: " + e.getMessage().replaceAll("\\.$", "") + ")"), e);
    }
    Map<String, Checkpoint.Tensor> tensors = new LinkedHashMap<>();
    for (TensorProto t : model.getGraph().getInitializerList()) {
      if (t.getDataType() != DataType.FLOAT.getNumber() && t.getDataType() != DataType.FLOAT16.getNumber()) continue;
      if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
        throw new BadInputException(file + ": tensor " + t.getName() + " keeps its data in an external file; export with the weights inside");
      }
      tensors.put(t.getName(), tensor(file, t));
    }
    if (tensors.isEmpty()) {
      throw new BadInputException(file + ": holds no float initializers; expected an ONNX export that carries its weights");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    for (StringStringEntryProto e : model.getMetadataPropsList()) metadata.put(e.getKey(), e.getValue());
    return new Checkpoint(file, Sha256.hex(bytes), tensors, metadata);
  }

  /**
   * For a file cut short: walks ModelProto.graph (field 7) and its initializers (GraphProto field
   * 5) and returns the name of the first initializer whose bytes run past the end (its name, field
   * 8, precedes its raw data, field 9, in field-number order), or null when the cut is elsewhere.
   */
  static String firstIncompleteInitializer(byte[] bytes) {
    try {
      CodedInputStream model = CodedInputStream.newInstance(bytes);
      for (int tag = model.readTag(); tag != 0; tag = model.readTag()) {
        if (WireFormat.getTagFieldNumber(tag) != 7) {
          model.skipField(tag);
          continue;
        }
        int graphLength = model.readRawVarint32();
        int graphStart = model.getTotalBytesRead();
        CodedInputStream graph = CodedInputStream.newInstance(bytes, graphStart, Math.min(graphLength, bytes.length - graphStart));
        for (int t = graph.readTag(); t != 0; t = graph.readTag()) {
          if (WireFormat.getTagFieldNumber(t) != 5) {
            graph.skipField(t);
            continue;
          }
          int length = graph.readRawVarint32();
          int start = graphStart + graph.getTotalBytesRead();
          if (start + length <= bytes.length) {
            graph.skipRawBytes(length);
            continue;
          }
          return nameOfPartialTensor(bytes, start);
        }
        return null;
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return null;
  }

  private static String nameOfPartialTensor(byte[] bytes, int start) throws IOException {
    CodedInputStream t = CodedInputStream.newInstance(bytes, start, bytes.length - start);
    for (int tag = t.readTag(); tag != 0; tag = t.readTag()) {
      if (WireFormat.getTagFieldNumber(tag) == 8) return t.readStringRequireUtf8();
      t.skipField(tag);
    }
    return null;
  }

  private static Checkpoint.Tensor tensor(Path file, TensorProto t) {
    List<Integer> shape = new ArrayList<>();
    long n = 1;
    for (long d : t.getDimsList()) {
      if (d < 0 || d > Integer.MAX_VALUE) throw new BadInputException(file + ": tensor " + t.getName() + " has dimension " + d);
      shape.add((int) d);
      n *= d;
    }
    boolean half = t.getDataType() == DataType.FLOAT16.getNumber();
    float[] v = new float[(int) n];
    ByteString raw = t.getRawData();
    if (!raw.isEmpty()) {
      long need = n * (half ? 2 : 4);
      if (raw.size() != need) {
        throw new BadInputException(file + ": tensor " + t.getName() + " has " + raw.size() + " bytes of data, its shape "
            + shape + " needs " + need);
      }
      ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < v.length; i++) v[i] = half ? Float.float16ToFloat(b.getShort()) : b.getFloat();
    } else {
      int count = half ? t.getInt32DataCount() : t.getFloatDataCount();
      if (count != n) {
        throw new BadInputException(file + ": tensor " + t.getName() + " has " + count + " values, its shape " + shape + " needs " + n);
      }
      for (int i = 0; i < v.length; i++) v[i] = half ? Float.float16ToFloat((short) t.getInt32Data(i)) : t.getFloatData(i);
    }
    return new Checkpoint.Tensor(shape, v);
  }
}
