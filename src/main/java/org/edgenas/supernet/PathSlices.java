package org.edgenas.supernet;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;
import org.edgenas.compress.ChannelPruner;
import org.edgenas.compress.Importance;

/**
 * Where each parameter of one path comes from in the {@link SharedWeights}. Two slicings compose:
 * <ol>
 *   <li><b>depth and structure</b>: the path's widest relative ({@link Widening}) takes each of
 *       its parameters from the tensor of the same (block kind, name) as its leading corner — the
 *       first N repeats of a stage (their names are those of the deepest stage's first N), and of a
 *       CSP block's output convolution the input channels of its first 2+N chunks;</li>
 *   <li><b>width</b>: the path is its widest relative with fewer channels; {@link
 *       ChannelPruner#sliceIndices} keeps the first channels of every tied channel group ({@link
 *       Importance#ORDER}), or the most important ones by another {@link Importance}.</li>
 * </ol>
 * The path's weights are then an ordinary {@link Weights} of its own {@link Network}.
 *
 * @param network the path's network (its architecture lowered at the supernet's image size)
 * @param slices per parameter of {@code network}: the shared tensor and the flat index of each value
 * @param grew how many shared tensors this path created or enlarged (0 once the supernet has seen its like)
 */
public record PathSlices(Network network, Map<String, Slice> slices, int grew) {
  /** One parameter's values: {@code values[i] = tensor(key)[index[i]]}. */
  public record Slice(String key, int[] index) {}

  public PathSlices {
    slices = Collections.unmodifiableMap(new LinkedHashMap<>(slices));
  }

  public Slice slice(String param) {
    Slice s = slices.get(param);
    if (s == null) throw new IllegalArgumentException("the path has no parameter " + param);
    return s;
  }

  /** Where the values of new or grown shared tensors come from, given the path's widest relative and its fresh initialisation. */
  @FunctionalInterface
  public interface Initial {
    /** The fresh initialisation itself. */
    Initial FRESH = (wide, fresh) -> fresh;

    /** Values for every parameter of {@code wide} (e.g. a checkpoint's where its layers match, {@code fresh} elsewhere). */
    Weights of(Network wide, Weights fresh);
  }

  /**
   * The slices of {@code path} (uncompressed), creating or growing shared tensors it needs (new
   * values seeded from {@code initSeed}, as {@link Weights#init} initialises a network).
   */
  public static PathSlices of(SupernetSpace space, Architecture path, int imgsz, SharedWeights shared, Importance importance,
      long initSeed) {
    return of(space, path, imgsz, shared, importance, initSeed, Initial.FRESH);
  }

  /** As {@link #of(SupernetSpace, Architecture, int, SharedWeights, Importance, long)}, new values from {@code initial}. */
  public static PathSlices of(SupernetSpace space, Architecture path, int imgsz, SharedWeights shared, Importance importance,
      long initSeed, Initial initial) {
    Network narrow = path.lower(imgsz);
    Network wide = Widening.wide(space, path, imgsz);
    Map<String, String> keyOf = keys(wide);
    Weights init = null;
    int grew = 0;
    for (ParamSpec p : ParamSpec.of(wide)) {
      String key = keyOf.get(p.name());
      SharedWeights.Tensor t = shared.tensors().get(key);
      if (t == null || !fits(p, t.shape())) {
        if (init == null) init = initial.of(wide, Weights.init(wide, initSeed ^ Long.parseUnsignedLong(wide.architecture().hash(), 16)));
        if (shared.ensure(key, p, init.get(p.name()))) grew++;
      }
    }
    Weights wideWeights = importance == Importance.ORDER ? null : cornerWeights(wide, keyOf, shared);
    // a path that is its own widest relative takes every value: the solver cannot always tell the
    // counts of tied groups it need not choose among (a shuffle's split inside a repeated block)
    Map<String, int[]> inWide = wide.architecture().hash().equals(path.hash()) ? identity(narrow)
        : ChannelPruner.sliceIndices(wide, wideWeights, narrow, importance);
    Map<String, int[]> wideShapes = new HashMap<>();
    for (ParamSpec p : ParamSpec.of(wide)) wideShapes.put(p.name(), p.shape().stream().mapToInt(Integer::intValue).toArray());
    Map<String, Slice> out = new LinkedHashMap<>();
    for (ParamSpec p : ParamSpec.of(narrow)) {
      String key = keyOf.get(p.name());
      int[] outer = shared.tensor(key).shape();
      int[] inner = wideShapes.get(p.name());
      int[] idx = inWide.get(p.name()).clone();
      for (int i = 0; i < idx.length; i++) idx[i] = Corner.index(idx[i], inner, outer);
      out.put(p.name(), new Slice(key, idx));
    }
    return new PathSlices(narrow, out, grew);
  }

  private static Map<String, int[]> identity(Network net) {
    Map<String, int[]> out = new HashMap<>();
    for (ParamSpec p : ParamSpec.of(net)) out.put(p.name(), java.util.stream.IntStream.range(0, p.size()).toArray());
    return out;
  }

  /** The shared tensor key of every parameter: the block kind of the layer owning it, and its name. */
  private static Map<String, String> keys(Network net) {
    Map<String, String> out = new HashMap<>();
    for (Op op : net.ops()) {
      String kind = net.architecture().layers().get(op.layer()).kind().yamlName();
      for (ParamSpec p : ParamSpec.of(op)) out.put(p.name(), SharedWeights.key(kind, p.name()));
    }
    return out;
  }

  private static boolean fits(ParamSpec p, int[] shape) {
    if (shape.length != p.shape().size()) return false;
    for (int d = 0; d < shape.length; d++) if (p.shape().get(d) > shape[d]) return false;
    return true;
  }

  /** The widest relative's weights: the leading corner of every shared tensor (for importances). */
  private static Weights cornerWeights(Network wide, Map<String, String> keyOf, SharedWeights shared) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (ParamSpec p : ParamSpec.of(wide)) {
      SharedWeights.Tensor t = shared.tensor(keyOf.get(p.name()));
      int[] inner = p.shape().stream().mapToInt(Integer::intValue).toArray();
      int[] outer = t.shape();
      float[] v = new float[p.size()];
      for (int i = 0; i < v.length; i++) v[i] = t.values[Corner.index(i, inner, outer)];
      out.put(p.name(), v);
    }
    return new Weights(out);
  }
}
