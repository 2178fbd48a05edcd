package org.edgenas.compress;

import static org.edgenas.arch.BlockKind.C2F;
import static org.edgenas.arch.BlockKind.CONV;
import static org.edgenas.arch.BlockKind.DETECT;
import static org.edgenas.compress.TinyNets.layer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pruner keeps exactly the channels planted as important, consistently across tied groups. */
class ChannelPrunerPlantedTest {
  /** Conv → Conv → Conv → C2f (shortcut) → yolo11 Detect at stride 8. */
  static final Architecture NET = TinyNets.arch("planted", List.of(
      layer("stem", CONV, List.of("images"), 16, 1, "k", 3, "s", 2),
      layer("d2", CONV, List.of("stem"), 32, 1, "k", 3, "s", 2),
      layer("d3", CONV, List.of("d2"), 32, 1, "k", 3, "s", 2),
      layer("c2f", C2F, List.of("d3"), 32, 1, "shortcut", true),
      layer("detect", DETECT, List.of("c2f"), 0, 1, "strides", List.of(8))));

  /**
   * A tied group of {@code size} parent channels of which the pruned network keeps {@code keep}:
   * every member (conv name, its first output channel in the group) shares one kept set.
   */
  record Group(int size, int keep, List<Map.Entry<String, Integer>> members) {}

  static List<Group> groups(Network parent, Network pruned) {
    Map<String, Integer> c = widths(parent), p = widths(pruned);
    int half = c.get("c2f.cv1") / 2, keptHalf = p.get("c2f.cv1") / 2;
    List<Group> out = new ArrayList<>();
    for (String single : List.of("stem", "d2", "d3", "c2f.m.0.cv1", "detect.cv2.0.0", "detect.cv2.0.1")) {
      out.add(new Group(c.get(single), p.get(single), List.of(Map.entry(single, 0))));
    }
    out.add(new Group(half, keptHalf, List.of(Map.entry("c2f.cv1", 0))));
    out.add(new Group(half, keptHalf, List.of(Map.entry("c2f.cv1", half), Map.entry("c2f.m.0.cv2", 0))));
    String pw = "detect.cv3.0.0.1", dw = "detect.cv3.0.1.0";
    out.add(new Group(c.get(pw), p.get(pw), List.of(Map.entry(pw, 0), Map.entry(dw, 0))));
    return out;
  }

  private static Map<String, Integer> widths(Network net) {
    Map<String, Integer> out = new LinkedHashMap<>();
    PlainForward.convs(net).forEach(x -> out.put(x.name(), x.cout()));
    return out;
  }

  @ParameterizedTest(name = "{0}, planted in {1}, prune {2}")
  @CsvSource({"L1_BN_SCALED, filter, 0.5", "L1_BN_SCALED, gamma, 0.25", "L1, filter, 0.5", "BN_GAMMA, gamma, 0.5", "BN_GAMMA, gamma, 0.25"})
  void keepsExactlyThePlantedChannels(Importance importance, String plantIn, double ratio) {
    Network parent = NET.lower();
    Network pruned = TinyNets.withPrune(NET, ratio, Set.of()).lower();
    Map<String, Integer> parentWidth = widths(parent);
    Weights w = TinyNets.trainedLike(parent, 8);
    Map<String, float[]> planted = new LinkedHashMap<>();
    Map<String, TreeSet<Integer>> expected = new LinkedHashMap<>();
    SplittableRandom random = new SplittableRandom(99);
    for (Group g : groups(parent, pruned)) {
      Set<Integer> chosen = random.ints(0, g.size()).distinct().limit(g.keep()).boxed().collect(Collectors.toSet());
      for (var m : g.members()) {
        for (int j = 0; j < g.size(); j++) {
          boolean important = chosen.contains(j);
          scale(planted, w, m.getKey(), m.getValue() + j, parentWidth.get(m.getKey()), plantIn, important ? 10f : 0.01f);
          if (important) expected.computeIfAbsent(m.getKey(), k -> new TreeSet<>()).add(m.getValue() + j);
        }
      }
    }
    PrunedWeights out = ChannelPruner.prune(parent, w.with(planted), pruned, importance);
    for (var e : expected.entrySet()) {
      assertArrayEquals(e.getValue().stream().mapToInt(Integer::intValue).toArray(), out.kept(e.getKey()), e.getKey());
    }
  }

  /** Multiplies one output channel's filter (or its BN γ) by {@code factor}. */
  private static void scale(Map<String, float[]> planted, Weights w, String conv, int channel, int cout, String plantIn, float factor) {
    String name = plantIn.equals("gamma") ? conv + ".bn.weight" : conv + ".weight";
    float[] v = planted.computeIfAbsent(name, n -> w.get(n).clone());
    int per = v.length / cout;
    for (int i = channel * per; i < (channel + 1) * per; i++) v[i] *= factor;
  }
}
