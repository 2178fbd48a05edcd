package org.edgenas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.ResidualBranches;
import org.edgenas.arch.Weights;
import org.junit.jupiter.api.Test;

/**
 * Zero-initialised residual branches: with the γ from {@link ResidualBranches} at zero, every residual
 * block is the identity, so the network's output no longer depends on any weight inside a residual
 * branch; with the plain initialisation it does. Checked on architectures covering every block kind.
 */
class ZeroInitResidualTest {
  @Test
  void everyResidualBlockStartsAsTheIdentityAndNothingElseChanges() {
    int residualNetworks = 0;
    for (Architecture a : CoveringArchitectures.pick()) {
      Network net = a.lower(CoveringArchitectures.IMGSZ);
      Set<String> inside = paramsInsideResidualBranches(net);
      Set<String> gammas = ResidualBranches.closingGammas(net);
      if (inside.isEmpty()) {
        assertTrue(gammas.isEmpty(), a.name() + ": γ zeroed without a residual branch: " + gammas);
        continue;
      }
      residualNetworks++;
      Weights plain = Weights.init(net, 1);
      Weights zeroed = plain.withResidualBranchesZeroed(net);
      Map<String, float[]> shaken = new LinkedHashMap<>();
      SplittableRandom random = new SplittableRandom(9);
      for (ParamSpec p : ParamSpec.of(net)) {
        if (p.role() != ParamSpec.Role.WEIGHT || !inside.contains(p.name())) continue;
        float[] v = new float[p.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) (random.nextDouble() * 2 - 1);
        shaken.put(p.name(), v);
      }
      assertEquals(0, maxDifference(net, zeroed, zeroed.with(shaken)), 1e-6,
          a.name() + ": the output depends on a weight inside a zero-initialised residual branch");
      assertFalse(maxDifference(net, plain, plain.with(shaken)) < 1e-3, a.name() + ": the test's perturbation changes nothing");
    }
    assertTrue(residualNetworks >= 3, "residual networks among the covering architectures: " + residualNetworks);
  }

  @Test
  void onlyResidualBranchesAreZeroedNotTheFusionAdds() {
    // AFPN's adaptive fusion and other neck sums add paths that do not contain one another: none of their γ is zeroed
    int fusionAdds = 0;
    for (Architecture a : CoveringArchitectures.pick()) {
      Network net = a.lower(CoveringArchitectures.IMGSZ);
      fusionAdds += (int) net.ops().stream().filter(op -> op instanceof Op.Add).count();
      Set<String> inside = paramsInsideResidualBranches(net);
      fusionAdds -= residualAdds(net);
      for (String g : ResidualBranches.closingGammas(net)) {
        assertTrue(inside.contains(g), a.name() + ": " + g + " is not inside a residual branch");
      }
    }
    assertTrue(fusionAdds > 0, "no fusion Add among the covering architectures");
  }

  private static int residualAdds(Network net) {
    Map<Integer, Op> producer = new HashMap<>();
    for (Op op : net.ops()) producer.put(op.output(), op);
    int n = 0;
    for (Op op : net.ops()) {
      if (op instanceof Op.Add add && (upstream(add.b(), producer).contains(add.a()) || upstream(add.a(), producer).contains(add.b()))) n++;
    }
    return n;
  }

  /** Parameter names of every op that lies between the shortcut and the branch end of an x + f(x) Add. */
  static Set<String> paramsInsideResidualBranches(Network net) {
    Map<Integer, Op> producer = new HashMap<>();
    for (Op op : net.ops()) producer.put(op.output(), op);
    Set<String> out = new HashSet<>();
    for (Op op : net.ops()) {
      if (!(op instanceof Op.Add add)) continue;
      Set<Integer> upA = upstream(add.a(), producer);
      Set<Integer> upB = upstream(add.b(), producer);
      Set<Integer> branch = upB.contains(add.a()) ? new HashSet<>(upB) : upA.contains(add.b()) ? new HashSet<>(upA) : null;
      if (branch == null) continue;
      branch.removeAll(upB.contains(add.a()) ? upA : upB);
      for (int t : branch) ParamSpec.of(producer.get(t)).forEach(p -> out.add(p.name()));
    }
    return out;
  }

  private static Set<Integer> upstream(int tensor, Map<Integer, Op> producer) {
    Set<Integer> seen = new HashSet<>();
    List<Integer> todo = new java.util.ArrayList<>(List.of(tensor));
    while (!todo.isEmpty()) {
      int t = todo.removeLast();
      if (!seen.add(t)) continue;
      Op op = producer.get(t);
      if (op != null) todo.addAll(op.inputs());
    }
    return seen;
  }

  private static double maxDifference(Network net, Weights first, Weights second) {
    int s = CoveringArchitectures.IMGSZ;
    float[] images = DjlNetworkTest.noise(2 * 3 * s * s, 3);
    float[] a = infer(net, first, images);
    float[] b = infer(net, second, images);
    double max = 0;
    for (int i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
    return max;
  }

  private static float[] infer(Network net, Weights weights, float[] images) {
    int s = CoveringArchitectures.IMGSZ;
    try (NDManager root = NDManager.newBaseManager("PyTorch"); DjlNetwork djl = DjlNetwork.create(root, net, weights);
        NDManager step = djl.manager().newSubManager()) {
      return djl.infer(step.create(images, new Shape(2, 3, s, s))).toFloatArray();
    }
  }
}
