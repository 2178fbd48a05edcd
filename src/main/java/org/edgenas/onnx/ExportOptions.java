package org.edgenas.onnx;

import java.util.List;
import java.util.Locale;
import org.edgenas.common.BadInputException;

/**
 * How to export. Invalid values are {@link BadInputException}s named after the CLI options.
 *
 * @param opset ONNX opset, 13..21 (default 17); the IR version follows it (≤18 → 8, 19–20 → 9, 21 → 10)
 * @param bits 32, 16 or 8 to override every layer's bit width; 0 keeps each layer's own
 * @param nms append a NonMaxSuppression end (see {@link NmsEnd} for the output format)
 * @param seed the seed the weights were initialised with (recorded; also seeds the synthetic calibration set)
 * @param names class names for the metadata (empty: none recorded)
 * @param calibrationImages images [3·H·W] in CHW order, values as the model takes them; empty: a
 *     seeded synthetic set ({@link Calibrator#SYNTHETIC_IMAGES} uniform [0,1) images)
 * @param nmsIou IoU threshold of the NMS end, (0, 1]
 * @param nmsScore score threshold of the NMS end, [0, 1)
 * @param nmsMaxPerClass boxes kept per class by the NMS end, 1..10000
 */
public record ExportOptions(int opset, int bits, boolean nms, long seed, List<String> names,
    List<float[]> calibrationImages, float nmsIou, float nmsScore, int nmsMaxPerClass) {
  public static final int DEFAULT_OPSET = 17;
  public static final int MIN_OPSET = 13;
  public static final int MAX_OPSET = 21;

  public ExportOptions {
    if (opset < MIN_OPSET || opset > MAX_OPSET) {
      throw new BadInputException("--opset must be " + MIN_OPSET + ".." + MAX_OPSET + ", was " + opset);
    }
    if (bits != 0) Precision.ofBits(bits);
    names = List.copyOf(names);
    calibrationImages = List.copyOf(calibrationImages);
    if (!(nmsIou > 0 && nmsIou <= 1)) throw new BadInputException("NMS IoU threshold must be in (0, 1], was " + nmsIou);
    if (!(nmsScore >= 0 && nmsScore < 1)) throw new BadInputException("NMS score threshold must be in [0, 1), was " + nmsScore);
    if (nmsMaxPerClass < 1 || nmsMaxPerClass > 10_000) {
      throw new BadInputException("NMS boxes per class must be 1..10000, was " + nmsMaxPerClass);
    }
  }

  /** Opset 17, per-layer bits, no NMS, seed 0, no names, synthetic calibration, NMS IoU 0.7 / score 0.25 / 100 per class. */
  public static ExportOptions defaults() {
    return new ExportOptions(DEFAULT_OPSET, 0, false, 0, List.of(), List.of(), 0.7f, 0.25f, 100);
  }

  public ExportOptions withOpset(int v) {
    return new ExportOptions(v, bits, nms, seed, names, calibrationImages, nmsIou, nmsScore, nmsMaxPerClass);
  }

  public ExportOptions withBits(int v) {
    return new ExportOptions(opset, v, nms, seed, names, calibrationImages, nmsIou, nmsScore, nmsMaxPerClass);
  }

  public ExportOptions withNms(boolean v) {
    return new ExportOptions(opset, bits, v, seed, names, calibrationImages, nmsIou, nmsScore, nmsMaxPerClass);
  }

  public ExportOptions withSeed(long v) {
    return new ExportOptions(opset, bits, nms, v, names, calibrationImages, nmsIou, nmsScore, nmsMaxPerClass);
  }

  public ExportOptions withNames(List<String> v) {
    return new ExportOptions(opset, bits, nms, seed, v, calibrationImages, nmsIou, nmsScore, nmsMaxPerClass);
  }

  public ExportOptions withCalibrationImages(List<float[]> v) {
    return new ExportOptions(opset, bits, nms, seed, names, v, nmsIou, nmsScore, nmsMaxPerClass);
  }

  /** The IR version written with the opset. */
  public int irVersion() {
    return opset <= 18 ? 8 : opset <= 20 ? 9 : 10;
  }

  /** A one-line description for the metadata (calibration images by count, not content). */
  public String describe() {
    return String.format(Locale.ROOT, "opset=%d ir=%d bits=%s nms=%s seed=%d calibration_images=%d",
        opset, irVersion(), bits == 0 ? "per-layer" : Integer.toString(bits),
        nms ? String.format(Locale.ROOT, "iou:%s,score:%s,max_per_class:%d", nmsIou, nmsScore, nmsMaxPerClass) : "off",
        seed, calibrationImages.size());
  }
}
