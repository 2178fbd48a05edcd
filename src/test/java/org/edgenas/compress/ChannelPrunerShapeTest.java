package org.edgenas.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;
import org.edgenas.cost.CostModel;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Pruned weights have exactly the pruned network's parameters, for every block kind and the references. */
class ChannelPrunerShapeTest {
  static Stream<Arguments> cases() {
    return TinyNets.everyBlockKind().stream()
        .flatMap(c -> Stream.of(0.25, 0.5).map(r -> Arguments.of(c.label(), c.arch(), c.pruned(r))));
  }

  @ParameterizedTest(name = "{0} at {2}")
  @MethodSource("cases")
  void prunedWeightsHaveThePrunedShapesAndTheCostModelsParameterCount(String label, Architecture parentArch, Architecture prunedArch) {
    assertPrunesExactly(parentArch, prunedArch, TinyNets.IMGSZ);
  }

  @ParameterizedTest(name = "{0} at prune {1}")
  @MethodSource("references")
  void referencesPruneToTheirCostModelFigures(String reference, double ratio) {
    Architecture parent = SpaceLoader.load(Path.of("spaces/reference/" + reference + ".yaml")).freeze(new int[0]);
    assertPrunesExactly(parent, TinyNets.withPrune(parent, ratio, Set.of()), 64);
  }

  static Stream<Arguments> references() {
    return Stream.of("yolo11n", "yolov8n").flatMap(r -> Stream.of(Arguments.of(r, 0.25), Arguments.of(r, 0.5)));
  }

  @Test
  void ratioZeroReproducesTheParentsWeightsExactly() {
    for (TinyNets c : TinyNets.everyBlockKind()) {
      Network net = c.arch().lower();
      Weights w = TinyNets.trainedLike(net, 11);
      PrunedWeights same = ChannelPruner.prune(net, w, c.arch().lower(), Importance.L1_BN_SCALED);
      assertEquals(w.values().keySet(), same.weights().values().keySet(), c.label());
      for (String name : w.values().keySet()) assertArrayEquals(w.get(name), same.weights().get(name), c.label() + " " + name);
    }
  }

  static void assertPrunesExactly(Architecture parentArch, Architecture prunedArch, int imgsz) {
    Network parent = parentArch.lower(imgsz);
    Network pruned = prunedArch.lower(imgsz);
    Weights w = TinyNets.trainedLike(parent, 5);
    PrunedWeights out = ChannelPruner.prune(parent, w, pruned, Importance.L1_BN_SCALED);
    List<ParamSpec> specs = ParamSpec.of(pruned);
    Set<String> names = new HashSet<>();
    long params = 0;
    for (ParamSpec p : specs) {
      float[] v = out.weights().values().get(p.name());
      assertNotNull(v, "missing " + p.name());
      assertEquals(p.size(), v.length, p.name() + " " + p.shape());
      names.add(p.name());
      if (p.role() != ParamSpec.Role.BN_MEAN && p.role() != ParamSpec.Role.BN_VAR) params += v.length;
    }
    assertEquals(names, out.weights().values().keySet(), "no parameter beyond the pruned network's");
    assertEquals(CostModel.of(pruned).params(), params);
    assertTrue(params < CostModel.of(parent).params(), "pruning removed nothing from " + parentArch.name());
    for (var e : out.keptChannels().entrySet()) {
      int[] k = e.getValue();
      for (int i = 1; i < k.length; i++) assertTrue(k[i - 1] < k[i], e.getKey() + " keeps ascending, distinct channels");
    }
  }
}
