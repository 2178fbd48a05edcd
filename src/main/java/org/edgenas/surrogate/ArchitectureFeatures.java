package org.edgenas.surrogate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.BlockKind;
import org.edgenas.arch.Layer;
import org.edgenas.cost.CostReport;
import org.edgenas.cost.LayerCost;

/**
 * The surrogate's input: a fixed-length feature vector of one architecture. Cost features
 * (log10 of parameters, GFLOPs, peak activation bytes, weight bytes), structure (layers, total
 * repeats, parameter-weighted pruning ratio and bit width) and every choice recorded in the
 * architecture's provenance ({@code choice.LABEL}), in label order: numbers as they are, booleans
 * as 0/1, block names one-hot over {@link BlockKind}, other words one-hot over
 * {@value #WORD_BUCKETS} stable buckets. Architectures frozen from the same space give vectors of
 * the same length and meaning.
 */
public final class ArchitectureFeatures {
  static final int WORD_BUCKETS = 8;

  private ArchitectureFeatures() {}

  public static double[] of(Architecture arch, CostReport cost) {
    List<Double> values = new ArrayList<>();
    build(arch, cost, new ArrayList<>(), values);
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The name of each feature {@link #of} returns, in the same order. */
  public static List<String> names(Architecture arch, CostReport cost) {
    List<String> names = new ArrayList<>();
    build(arch, cost, names, new ArrayList<>());
    return names;
  }

  private static void build(Architecture arch, CostReport cost, List<String> names, List<Double> values) {
    if (!cost.hash().equals(arch.hash())) {
      throw new IllegalArgumentException("cost report " + cost.hash() + " is not of architecture " + arch.hash());
    }
    add(names, values, "log10_params", Math.log10(Math.max(1, cost.params())));
    add(names, values, "log10_gflops", Math.log10(Math.max(1e-6, cost.gflops())));
    add(names, values, "log10_peak_activation_bytes", Math.log10(Math.max(1, cost.peakActivationBytes())));
    add(names, values, "log10_weight_bytes", Math.log10(Math.max(1, cost.weightBytes())));
    add(names, values, "layers", arch.layers().size());
    add(names, values, "repeats", arch.layers().stream().mapToInt(Layer::repeats).sum());
    double weight = 0, prune = 0, bits = 0;
    for (LayerCost row : cost.layers()) {
      Layer l = arch.layers().get(row.index());
      double w = row.cost().paramsFused();
      weight += w;
      prune += w * l.prune();
      bits += w * l.bits();
    }
    add(names, values, "mean_prune", weight > 0 ? prune / weight : 0);
    add(names, values, "mean_bits", weight > 0 ? bits / weight : 32);
    TreeMap<String, String> choices = new TreeMap<>();
    arch.provenance().forEach((k, v) -> {
      if (k.startsWith("choice.")) choices.put(k.substring("choice.".length()), v);
    });
    choices.forEach((label, value) -> choice(label, value, names, values));
  }

  private static void choice(String label, String value, List<String> names, List<Double> values) {
    if (value.equals("true") || value.equals("false")) {
      add(names, values, label, value.equals("true") ? 1 : 0);
      return;
    }
    try {
      add(names, values, label, Double.parseDouble(value));
      return;
    } catch (NumberFormatException e) {
      // a word: one-hot below
    }
    var kind = BlockKind.byYamlName(value);
    if (kind.isPresent()) {
      for (BlockKind k : BlockKind.values()) add(names, values, label + "=" + k.yamlName(), k == kind.get() ? 1 : 0);
      return;
    }
    int bucket = Math.floorMod(value.toLowerCase(Locale.ROOT).hashCode(), WORD_BUCKETS);
    for (int b = 0; b < WORD_BUCKETS; b++) add(names, values, label + "#" + b, b == bucket ? 1 : 0);
  }

  private static void add(List<String> names, List<Double> values, String name, double value) {
    names.add(name);
    values.add(value);
  }
}
