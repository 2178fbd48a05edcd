package org.edgenas.arch;

import java.util.List;

/**
 * An architecture lowered to primitive operations at one image size: the ops in execution
 * order, every tensor's shape, the image input tensor, the output tensor and each layer's output.
 */
public record Network(
    Architecture architecture,
    int imgsz,
    List<Op> ops,
    List<Shape> shapes,
    int input,
    int output,
    List<Integer> layerOutputs) {
  public Network {
    ops = List.copyOf(ops);
    shapes = List.copyOf(shapes);
    layerOutputs = List.copyOf(layerOutputs);
  }

  public Shape shape(int tensor) {
    return shapes.get(tensor);
  }

  public Shape layerShape(int layer) {
    return shapes.get(layerOutputs.get(layer));
  }

  public List<Op> opsOf(int layer) {
    return ops.stream().filter(o -> o.layer() == layer).toList();
  }
}
