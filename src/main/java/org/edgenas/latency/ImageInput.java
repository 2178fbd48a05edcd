package org.edgenas.latency;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.edgenas.common.BadInputException;

/**
 * The image input of a detector: a float tensor [1,3,H,W] with fixed H and W (a symbolic batch is
 * taken as 1). {@link #tensor} fills it with seeded uniform values in [0,1), the same every time.
 */
public record ImageInput(String name, List<Long> shape) {
  private static final long SEED = 20_240_917L;

  public ImageInput {
    if (shape.size() != 4 || shape.get(0) != 1 || shape.get(1) != 3 || shape.get(2) < 1 || shape.get(3) < 1) {
      throw new IllegalArgumentException("an image input must be [1,3,H,W], was " + shape);
    }
    shape = List.copyOf(shape);
  }

  /**
   * The single input of a model as an image input; {@code file} names the model in the message when
   * the model has several inputs or its input is not a float tensor [1,3,H,W].
   */
  public static ImageInput of(String file, Map<String, NodeInfo> inputs) {
    if (inputs.size() != 1) {
      throw new BadInputException(file + ": a model to measure must have exactly one input (an image "
          + "tensor [1,3,H,W]), had " + inputs.size() + " " + inputs.keySet());
    }
    NodeInfo info = inputs.values().iterator().next();
    String name = info.getName();
    if (!(info.getInfo() instanceof TensorInfo tensor)) {
      throw new BadInputException(file + ": input '" + name
          + "' must be a float image tensor [1,3,H,W], was " + info.getInfo());
    }
    long[] dims = tensor.getShape();
    if (dims.length == 4 && dims[0] < 0) dims[0] = 1; // a symbolic batch size: measure batch 1
    boolean image = dims.length == 4 && dims[0] == 1 && dims[1] == 3 && dims[2] > 0 && dims[3] > 0;
    if (tensor.type != OnnxJavaType.FLOAT || !image) {
      String type = tensor.type == OnnxJavaType.FLOAT ? "" : tensor.type.name().toLowerCase() + " ";
      throw new BadInputException(file + ": input '" + name + "' must be a float image tensor [1,3,H,W], was "
          + type + shapeText(tensor.getShape()));
    }
    return new ImageInput(name, Arrays.stream(dims).boxed().toList());
  }

  /** "[1,3,64,64]"; a symbolic dimension shows as "?". */
  public static String shapeText(long[] dims) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < dims.length; i++) {
      b.append(i == 0 ? "" : ",").append(dims[i] < 0 ? "?" : Long.toString(dims[i]));
    }
    return b.append(']').toString();
  }

  public String shapeText() {
    return shapeText(shape.stream().mapToLong(Long::longValue).toArray());
  }

  /** A new tensor of this shape with seeded values in [0,1); the caller closes it. */
  public OnnxTensor tensor(OrtEnvironment env) throws OrtException {
    long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
    int count = Math.toIntExact(dims[1] * dims[2] * dims[3]);
    FloatBuffer data = FloatBuffer.allocate(count);
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < count; i++) data.put((float) random.nextDouble());
    data.flip();
    return OnnxTensor.createTensor(env, data, dims);
  }
}
