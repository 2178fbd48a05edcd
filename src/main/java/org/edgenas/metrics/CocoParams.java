package org.edgenas.metrics;

/**
 * The fixed parameters of pycocotools' bbox evaluation ({@code Params.setDetParams}), reproduced
 * to the bit: the IoU and recall thresholds are numpy {@code linspace} values, not decimal ones.
 */
public final class CocoParams {
  /** {@code np.linspace(.5, .95, 10)}: index 8 is 0.8999999999999999, not 0.9. */
  public static final double[] IOU_THRESHOLDS = linspace(0.5, 0.95, 10);
  /** {@code np.linspace(.0, 1.00, 101)}: {@code i*0.01}, so index 35 is 0.35000000000000003. */
  public static final double[] RECALL_THRESHOLDS = linspace(0.0, 1.0, 101);
  /** Detections kept per image and category for each recall column. */
  public static final int[] MAX_DETS = {1, 10, 100};

  private CocoParams() {}

  /** numpy's linspace with endpoint: {@code start + i*step}, the last value forced to {@code stop}. */
  static double[] linspace(double start, double stop, int num) {
    double step = (stop - start) / (num - 1);
    double[] values = new double[num];
    for (int i = 0; i < num; i++) values[i] = i * step + start;
    values[num - 1] = stop;
    return values;
  }

  /** The index of {@code iou} in {@link #IOU_THRESHOLDS} by exact equality, as pycocotools selects. */
  static int iouIndex(double iou) {
    for (int i = 0; i < IOU_THRESHOLDS.length; i++) {
      if (IOU_THRESHOLDS[i] == iou) return i;
    }
    throw new IllegalArgumentException("IoU " + iou + " is not one of the thresholds " + java.util.Arrays.toString(IOU_THRESHOLDS));
  }

  static int maxDetsIndex(int maxDets) {
    for (int i = 0; i < MAX_DETS.length; i++) {
      if (MAX_DETS[i] == maxDets) return i;
    }
    throw new IllegalArgumentException("maxDets " + maxDets + " is not one of " + java.util.Arrays.toString(MAX_DETS));
  }
}
