package org.edgenas.train;

import java.util.ArrayList;
import java.util.List;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;

/**
 * The anchor layout of a network's Detect head: levels in input order (P3, P4, P5), anchors at
 * cell centres (x+0.5, y+0.5) in grid units, row-major within a level.
 *
 * @param detect the Detect op
 * @param heights grid height per level
 * @param widths grid width per level
 */
public record DetectGeometry(Op.Detect detect, int[] heights, int[] widths) {
  public static DetectGeometry of(Network net) {
    Op.Detect d = net.ops().stream().filter(o -> o instanceof Op.Detect).map(o -> (Op.Detect) o)
        .findFirst().orElseThrow(() -> new IllegalArgumentException("network has no Detect op"));
    int levels = d.strides().size();
    int[] h = new int[levels], w = new int[levels];
    for (int i = 0; i < levels; i++) {
      var s = net.shape(d.inputs().get(2 * i));
      h[i] = s.h();
      w[i] = s.w();
    }
    return new DetectGeometry(d, h, w);
  }

  public int levels() {
    return heights.length;
  }

  public int nc() {
    return detect.nc();
  }

  public int regMax() {
    return detect.regMax();
  }

  public int cells(int level) {
    return heights[level] * widths[level];
  }

  public int anchors() {
    int n = 0;
    for (int i = 0; i < levels(); i++) n += cells(i);
    return n;
  }

  /** Anchor centres in grid units of their own level: [2][anchors] (x row, then y row). */
  public float[][] gridCentres() {
    float[][] xy = new float[2][anchors()];
    int a = 0;
    for (int l = 0; l < levels(); l++) {
      for (int y = 0; y < heights[l]; y++) {
        for (int x = 0; x < widths[l]; x++, a++) {
          xy[0][a] = x + 0.5f;
          xy[1][a] = y + 0.5f;
        }
      }
    }
    return xy;
  }

  /** The stride of every anchor's level. */
  public float[] anchorStrides() {
    float[] s = new float[anchors()];
    int a = 0;
    for (int l = 0; l < levels(); l++) {
      for (int i = 0; i < cells(l); i++) s[a++] = detect.strides().get(l);
    }
    return s;
  }

  List<Integer> levelSizes() {
    List<Integer> out = new ArrayList<>();
    for (int l = 0; l < levels(); l++) out.add(cells(l));
    return out;
  }
}
