package org.edgenas.supernet;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;

/**
 * The supernet's weights: one tensor per (block kind, parameter name) — the parameter name starts
 * with its layer's name, so each (layer, block kind) owns its own tensors — at the largest shape
 * any path has asked for. A path reads and writes slices of them through {@link PathSlices}.
 * Trainable tensors carry a gradient accumulator and the two AdamW moments; both are made (zeros)
 * when first needed, so a supernet read from a file without optimizer state holds only its values
 * until it is trained.
 */
public final class SharedWeights {
  /** One shared tensor, row-major. */
  public static final class Tensor {
    private int[] shape;
    private final ParamSpec.Role role;
    float[] values;
    float[] grad;
    float[] first;
    float[] second;
    boolean touched;

    Tensor(int[] shape, ParamSpec.Role role, float[] values) {
      this(shape, role, values, true);
    }

    /** @param optimizer whether a trainable tensor gets its gradient and moments now (zeros) or when first needed */
    private Tensor(int[] shape, ParamSpec.Role role, float[] values, boolean optimizer) {
      this.shape = shape.clone();
      this.role = role;
      this.values = values;
      if (role.trainable() && optimizer) {
        grad = new float[values.length];
        zeroMoments();
      }
    }

    /** Fresh (zero) AdamW moments. */
    void zeroMoments() {
      first = new float[values.length];
      second = new float[values.length];
    }

    public int[] shape() {
      return shape.clone();
    }

    public ParamSpec.Role role() {
      return role;
    }

    public float[] values() {
      return values;
    }
  }

  private final Map<String, Tensor> tensors = new TreeMap<>();

  /** The key of a parameter of a layer of the given block kind. */
  public static String key(String blockKind, String param) {
    return blockKind + ":" + param;
  }

  public Map<String, Tensor> tensors() {
    return Collections.unmodifiableMap(tensors);
  }

  /** Total number of shared values. */
  public long size() {
    return tensors.values().stream().mapToLong(t -> t.values.length).sum();
  }

  /** Whether some tensor holds AdamW moments (a supernet read from a file without optimizer state holds none until it is trained). */
  public boolean hasOptimizerState() {
    return tensors.values().stream().anyMatch(t -> t.first != null);
  }

  /** Adds a tensor read from a file (with its optimizer state; null for none: the moments start from zero when it is trained). */
  void put(String key, int[] shape, ParamSpec.Role role, float[] values, float[] first, float[] second) {
    Tensor t = new Tensor(shape, role, values, false);
    if (role.trainable() && first != null) {
      t.first = first;
      t.second = second;
    }
    tensors.put(key, t);
  }

  /**
   * Makes sure the tensor {@code key} holds at least {@code spec}'s shape. A new tensor takes
   * {@code init}'s values; a tensor too small along some axis grows to the larger extent on each
   * axis, keeping its values in the leading corner and filling the rest from {@code init} (or, out
   * of {@code init}'s shape too, with the role's neutral value); its optimizer state grows with zeros.
   *
   * @return true when the tensor was created or grew
   */
  boolean ensure(String key, ParamSpec spec, float[] init) {
    int[] want = spec.shape().stream().mapToInt(Integer::intValue).toArray();
    Tensor t = tensors.get(key);
    if (t == null) {
      tensors.put(key, new Tensor(want, spec.role(), init.clone()));
      return true;
    }
    if (t.shape.length != want.length) {
      throw new IllegalStateException(key + " has rank " + t.shape.length + " in the supernet but " + want.length + " in a path");
    }
    int[] grown = t.shape.clone();
    boolean grows = false;
    for (int d = 0; d < want.length; d++) {
      if (want[d] > grown[d]) {
        grown[d] = want[d];
        grows = true;
      }
    }
    if (!grows) return false;
    int n = Corner.count(grown);
    float[] values = new float[n];
    float neutral = spec.role() == ParamSpec.Role.BN_GAMMA || spec.role() == ParamSpec.Role.BN_VAR ? 1f : 0f;
    Arrays.fill(values, neutral);
    Corner.copy(init, want, values, grown);
    Corner.copy(t.values, t.shape, values, grown);
    Tensor bigger = new Tensor(grown, t.role, values);
    if (t.first != null) {
      Corner.copy(t.first, t.shape, bigger.first, grown);
      Corner.copy(t.second, t.shape, bigger.second, grown);
    }
    tensors.put(key, bigger);
    return true;
  }

  /** The path's weights, gathered from the shared tensors. */
  public Weights extract(PathSlices path) {
    Map<String, float[]> out = new LinkedHashMap<>();
    path.slices().forEach((name, slice) -> {
      float[] src = tensor(slice.key()).values;
      int[] idx = slice.index();
      float[] v = new float[idx.length];
      for (int i = 0; i < idx.length; i++) v[i] = src[idx[i]];
      out.put(name, v);
    });
    return new Weights(out);
  }

  /** Writes a path parameter's values back into the shared tensor (e.g. BatchNorm running statistics). */
  public void write(PathSlices path, String param, float[] values) {
    PathSlices.Slice slice = path.slice(param);
    float[] dst = tensor(slice.key()).values;
    int[] idx = slice.index();
    for (int i = 0; i < idx.length; i++) dst[idx[i]] = values[i];
  }

  /** Adds a path parameter's gradient into the shared tensor's accumulator. */
  public void addGradient(PathSlices path, String param, float[] gradient) {
    PathSlices.Slice slice = path.slice(param);
    Tensor t = tensor(slice.key());
    if (!t.role().trainable()) throw new IllegalArgumentException(param + " is not trainable");
    if (t.grad == null) t.grad = new float[t.values.length];
    int[] idx = slice.index();
    for (int i = 0; i < idx.length; i++) t.grad[idx[i]] += gradient[i];
    t.touched = true;
  }

  Tensor tensor(String key) {
    Tensor t = tensors.get(key);
    if (t == null) throw new IllegalArgumentException("the supernet has no tensor " + key);
    return t;
  }
}
