package org.edgenas.device;

import java.util.Collection;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Layer;

/**
 * The numeric precision a device builds a model's engine in (TensorRT): FP32, FP16, or INT8 (with
 * FP16 allowed for the layers INT8 cannot take). From an architecture's bit widths: any 8-bit layer
 * gives INT8, else any 16-bit layer gives FP16, else FP32.
 */
public enum Precision {
  FP32(List.of()),
  FP16(List.of("--fp16")),
  INT8(List.of("--int8", "--fp16"));

  private final List<String> trtexecFlags;

  Precision(List<String> trtexecFlags) {
    this.trtexecFlags = trtexecFlags;
  }

  /** The trtexec flags of this precision ({@code --int8 --fp16} for INT8). */
  public List<String> trtexecFlags() {
    return trtexecFlags;
  }

  /** The precision the layers' bit widths (32, 16 or 8) ask for. */
  public static Precision ofBits(Collection<Integer> bits) {
    if (bits.contains(8)) return INT8;
    if (bits.contains(16)) return FP16;
    return FP32;
  }

  /** The precision of an architecture's layers. */
  public static Precision of(Architecture architecture) {
    return ofBits(architecture.layers().stream().map(Layer::bits).toList());
  }

  /** "fp32", "fp16", "int8": how the precision is written in files and options. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The precision called {@code id} (fp32, fp16, int8); IllegalArgumentException otherwise. */
  public static Precision parse(String id) {
    for (Precision p : values()) if (p.id().equals(id)) return p;
    throw new IllegalArgumentException("precision must be one of fp32, fp16, int8, was '" + id + "'");
  }
}
