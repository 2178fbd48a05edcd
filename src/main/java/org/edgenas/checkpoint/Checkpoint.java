package org.edgenas.checkpoint;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The named float tensors of a checkpoint file, in file order, with the file's SHA-256 and its
 * metadata. Two layouts are known: Ultralytics' ({@code model.<index>.<module path>.weight}, each
 * BatchNorm folded into its convolution as {@code .conv.weight} + {@code .conv.bias}) and
 * edgenas's own export ({@code <layer>.<unit path>.weight|bias}, folded likewise).
 *
 * @param file where it was read from (for messages)
 * @param sha256 64 hex digits of the file's bytes
 * @param tensors name → tensor, in file order; only float tensors
 * @param metadata the file's key/value metadata (ONNX {@code metadata_props})
 */
public record Checkpoint(Path file, String sha256, Map<String, Tensor> tensors, Map<String, String> metadata) {
  private static final Pattern ULTRALYTICS = Pattern.compile("model\\.\\d+\\..+");

  /** Which parameter naming a checkpoint uses. */
  public enum Layout {
    /** {@code model.<layer index>.<module path>}, BN folded into {@code .conv}. */
    ULTRALYTICS,
    /** {@code <layer name>.<unit path>}, as edgenas's exporter writes. */
    EDGENAS
  }

  /** A tensor: its shape and row-major float32 values. */
  public record Tensor(List<Integer> shape, float[] values) {
    public Tensor {
      shape = List.copyOf(shape);
      long n = 1;
      for (int d : shape) n *= d;
      if (n != values.length) throw new IllegalArgumentException("shape " + shape + " needs " + n + " values, got " + values.length);
    }
  }

  public Checkpoint {
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** The file name alone, as results record it. */
  public String fileName() {
    return file.getFileName().toString();
  }

  /** Ultralytics' layout when any tensor is named {@code model.<digits>.…}; edgenas's otherwise. */
  public Layout layout() {
    return tensors.keySet().stream().anyMatch(n -> ULTRALYTICS.matcher(n).matches()) ? Layout.ULTRALYTICS : Layout.EDGENAS;
  }

  /** The tensor of this name, or null. */
  public Tensor tensor(String name) {
    return tensors.get(name);
  }
}
