package org.edgenas.compress;

import static org.edgenas.arch.BlockKind.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.BlockArgs;
import org.edgenas.arch.BlockKind;
import org.edgenas.arch.Layer;
import org.edgenas.arch.Network;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;

/**
 * Small architectures (imgsz 64, nc 4) exercising one block kind each, plus helpers to prune
 * them and to give their weights realistic variety (random BN statistics).
 *
 * @param keepWhole layers left unpruned in the case: the inputs of blocks whose structure the
 *     lowering decides on actual input widths (see the compress package report)
 */
record TinyNets(String label, Architecture arch, Set<String> keepWhole) {
  static final int IMGSZ = 64;

  static Layer layer(String name, BlockKind kind, List<String> from, int channels, int repeats, Object... args) {
    Map<String, Object> a = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) a.put((String) args[i], args[i + 1]);
    return new Layer(name, kind, from, channels, repeats, new BlockArgs(a), 0, 32, 0);
  }

  static Architecture arch(String name, List<Layer> layers) {
    return new Architecture(name, 4, IMGSZ, layers, Map.of());
  }

  /** stem (32×32) → d2 (16×16, {@code width}) → the block → [d3 to 8×8] → Detect at stride 8. */
  static TinyNets around(String label, int width, Layer block, boolean blockStrides, Set<String> keepWhole) {
    List<Layer> layers = new ArrayList<>(List.of(
        layer("stem", CONV, List.of("images"), 16, 1, "k", 3, "s", 2),
        layer("d2", CONV, List.of("stem"), width, 1, "k", 3, "s", 2),
        block.withFrom(List.of("d2"))));
    String last = block.name();
    if (!blockStrides) {
      layers.add(layer("d3", CONV, List.of(last), 32, 1, "k", 3, "s", 2));
      last = "d3";
    }
    layers.add(layer("detect", DETECT, List.of(last), 0, 1, "strides", List.of(8)));
    return new TinyNets(label, arch(label, layers), keepWhole);
  }

  /** stem → d2 → d3 (8×8) → d4 (4×4) → Upsample + Concat → C3k2 → {ASFF pair | Detect at 8, 16}. */
  static TinyNets neck(String label, boolean asff, String flavour) {
    List<Layer> layers = new ArrayList<>(List.of(
        layer("stem", CONV, List.of("images"), 16, 1, "k", 3, "s", 2),
        layer("d2", CONV, List.of("stem"), 32, 1, "k", 3, "s", 2),
        layer("d3", CONV, List.of("d2"), 48, 1, "k", 3, "s", 2),
        layer("d4", CONV, List.of("d3"), 64, 1, "k", 3, "s", 2),
        layer("up", UPSAMPLE, List.of("d4"), 0, 1, "scale", 2),
        layer("cat", CONCAT, List.of("up", "d3"), 0, 1),
        layer("n3", C3K2, List.of("cat"), 64, 1)));
    List<String> heads = List.of("n3", "d4");
    if (asff) {
      layers.add(layer("f3", ASFF, List.of("n3", "d4"), 64, 1, "level", 0));
      layers.add(layer("f4", ASFF, List.of("n3", "d4"), 64, 1, "level", 1));
      heads = List.of("f3", "f4");
    }
    layers.add(layer("detect", DETECT, heads, 0, 1, "strides", List.of(8, 16), "flavour", flavour));
    return new TinyNets(label, arch(label, layers), asff ? Set.of("d4") : Set.of());
  }

  /** One case per block kind (and per structural variant worth its own case). */
  static List<TinyNets> everyBlockKind() {
    return List.of(
        around("Conv", 32, layer("x", CONV, List.of("d2"), 32, 2, "k", 3, "s", 1), false, Set.of()),
        around("DWConv", 32, layer("x", DWCONV, List.of("d2"), 32, 1, "k", 3), false, Set.of()),
        around("Bottleneck", 32, layer("x", BOTTLENECK, List.of("d2"), 32, 2), false, Set.of("d2")),
        around("C2f", 32, layer("x", C2F, List.of("d2"), 32, 2, "shortcut", true), false, Set.of()),
        around("C3", 32, layer("x", C3, List.of("d2"), 32, 1), false, Set.of()),
        around("C3k", 32, layer("x", C3K, List.of("d2"), 32, 1, "k", 3), false, Set.of()),
        around("C3k2", 32, layer("x", C3K2, List.of("d2"), 32, 2), false, Set.of()),
        around("C3k2-c3k", 32, layer("x", C3K2, List.of("d2"), 32, 1, "c3k", true), false, Set.of()),
        around("SPPF", 32, layer("x", SPPF, List.of("d2"), 32, 1), false, Set.of()),
        around("C2PSA", 128, layer("x", C2PSA, List.of("d2"), 0, 1), false, Set.of("d2")),
        around("ADown", 32, layer("x", ADOWN, List.of("d2"), 32, 1), true, Set.of()),
        around("DSConv", 32, layer("x", DSCONV, List.of("d2"), 32, 2), false, Set.of()),
        around("ShuffleV2-split", 32, layer("x", SHUFFLE_V2, List.of("d2"), 32, 2), false, Set.of()),
        around("ShuffleV2-s2", 32, layer("x", SHUFFLE_V2, List.of("d2"), 32, 2, "s", 2), true, Set.of()),
        around("GhostV3", 32, layer("x", GHOST_V3, List.of("d2"), 32, 2, "e", 3.0, "se", true), false, Set.of("d2")),
        around("GhostV3-s2", 32, layer("x", GHOST_V3, List.of("d2"), 48, 1, "s", 2, "e", 3.0), true, Set.of()),
        around("FasterNet", 32, layer("x", FASTER, List.of("d2"), 32, 2), false, Set.of("d2")),
        around("FasterNet-s2", 32, layer("x", FASTER, List.of("d2"), 48, 1, "s", 2), true, Set.of()),
        around("CSPPC", 32, layer("x", CSPPC, List.of("d2"), 32, 2), false, Set.of()),
        around("SE", 32, layer("x", SE, List.of("d2"), 0, 1), false, Set.of()),
        neck("Upsample+Concat+Detect-yolov8", false, "yolov8"),
        neck("ASFF", true, "yolo11"));
  }

  Architecture pruned(double ratio) {
    return withPrune(arch, ratio, keepWhole);
  }

  static Architecture withPrune(Architecture a, double ratio, Set<String> keepWhole) {
    return new Architecture(a.name(), a.nc(), a.imgsz(),
        a.layers().stream().map(l -> keepWhole.contains(l.name()) ? l : l.withPrune(ratio)).toList(), a.provenance());
  }

  /** PyTorch-style initial weights with random BN γ, β, mean and var, as a trained net would have. */
  static Weights trainedLike(Network net, long seed) {
    Weights w = Weights.init(net, seed);
    SplittableRandom random = new SplittableRandom(seed ^ 0x5eed);
    Map<String, float[]> m = new LinkedHashMap<>();
    for (ParamSpec p : ParamSpec.of(net)) {
      float[] v = w.get(p.name()).clone();
      for (int i = 0; i < v.length; i++) {
        switch (p.role()) {
          case BN_GAMMA -> v[i] = (float) (0.2 + random.nextDouble() * 1.5);
          case BN_BETA, BN_MEAN -> v[i] = (float) (random.nextDouble() - 0.5);
          case BN_VAR -> v[i] = (float) (0.5 + random.nextDouble());
          default -> {}
        }
      }
      m.put(p.name(), v);
    }
    return new Weights(m);
  }
}
